import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SocketHttpTransport } from '../../../src/export/otlp/socket-http-transport';

const servers: Array<{ close(callback?: () => void): unknown }> = [];

/** A TCP server on 127.0.0.1 whose connections are closed with it. */
async function tcpServer(onConnection: (socket: Socket) => void): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: (callback) => { for (const socket of sockets) socket.destroy(); server.close(callback); } });
  return (server.address() as AddressInfo).port;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
  socket: Socket;
}

/** An HTTP server on 127.0.0.1 answering with `answer`; records what it received. */
async function httpServer(answer: (request: IncomingMessage, response: import('node:http').ServerResponse) => void): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body, socket: request.socket });
      answer(request, response);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: (callback) => { server.closeAllConnections(); server.close(callback); } });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces?tenant=a`, received, server };
}

const transportTo = (url: string, maxSockets = 2) => new SocketHttpTransport({ url, headers: { 'x-api-key': 'k1' }, contentType: 'application/x-protobuf', maxSockets });

describe('SocketHttpTransport', () => {
  it('POSTs the body with its headers, path and query, and reads the status and body', async () => {
    const { url, received } = await httpServer((_request, response) => response.end('ok-body'));
    const transport = transportTo(url);
    expect(await transport.send(Buffer.from('payload'), 5000)).toEqual({ kind: 'success', status: 200, body: Buffer.from('ok-body') });
    expect(received[0]).toMatchObject({ method: 'POST', url: '/v1/traces?tenant=a', body: 'payload' });
    expect(received[0]?.headers).toMatchObject({ 'content-type': 'application/x-protobuf', 'x-api-key': 'k1', 'content-length': '7', host: new URL(url).host });
    transport.close();
  });

  it('reuses a kept-alive connection, and answers statuses with Retry-After', async () => {
    let count = 0;
    const { url, received } = await httpServer((_request, response) => {
      count++;
      if (count === 2) response.writeHead(429, { 'retry-after': '3' }).end();
      else response.end();
    });
    const transport = transportTo(url);
    expect((await transport.send(Buffer.from('a'), 5000)).kind).toBe('success');
    expect(await transport.send(Buffer.from('b'), 5000)).toEqual({ kind: 'status', status: 429, retryAfter: '3' });
    expect(received[0]?.socket).toBe(received[1]?.socket);
    transport.close();
  });

  it('uses at most maxSockets connections at once; the others wait their turn', async () => {
    const pending: Array<() => void> = [];
    const { url, received } = await httpServer((_request, response) => pending.push(() => response.end()));
    const transport = transportTo(url, 2);
    const sends = [transport.send(Buffer.from('1'), 5000), transport.send(Buffer.from('2'), 5000), transport.send(Buffer.from('3'), 5000)];
    for (let wait = 0; wait < 100 && received.length < 2; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toHaveLength(2);
    expect(new Set(received.map((request) => request.socket)).size).toBe(2);
    pending.shift()?.();
    for (let wait = 0; wait < 100 && received.length < 3; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toHaveLength(3);
    while (pending.length > 0) pending.shift()?.();
    expect((await Promise.all(sends)).map((outcome) => outcome.kind)).toEqual(['success', 'success', 'success']);
    transport.close();
  });

  it('reports a refused connection, a timeout and a connection closed before the answer', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await transportTo(`http://127.0.0.1:${port}/v1/traces`).send(Buffer.from('x'), 5000)).toEqual({ kind: 'error', code: 'ECONNREFUSED' });

    const silent = await tcpServer(() => undefined);
    expect(await transportTo(`http://127.0.0.1:${silent}/v1/traces`).send(Buffer.from('x'), 100)).toEqual({ kind: 'timeout' });

    const hangUp = await tcpServer((socket) => socket.once('data', () => socket.destroy()));
    expect(await transportTo(`http://127.0.0.1:${hangUp}/v1/traces`).send(Buffer.from('x'), 5000)).toEqual({ kind: 'error', code: 'ECONNRESET' });
  });

  it('ends an attempt whose response body passes 64 KiB', async () => {
    const { url } = await httpServer((_request, response) => response.end('x'.repeat(70 * 1024)));
    expect(await transportTo(url).send(Buffer.from('x'), 5000)).toEqual({ kind: 'response-too-large' });
  });

  it('refuses a header value with a line break before anything is sent', async () => {
    const { url, received } = await httpServer((_request, response) => response.end());
    const transport = new SocketHttpTransport({ url, headers: { 'x-bad': 'a\r\nx-injected: 1' }, contentType: 'application/json', maxSockets: 1 });
    expect(await transport.send(Buffer.from('x'), 5000)).toEqual({ kind: 'error', code: 'ERR_INVALID_HTTP_HEADER' });
    expect(received).toEqual([]);
  });

  it('a connection closed by the server while idle is not used again', async () => {
    const { url, received, server } = await httpServer((_request, response) => response.end());
    const transport = transportTo(url, 1);
    expect((await transport.send(Buffer.from('a'), 5000)).kind).toBe('success');
    server.closeIdleConnections();
    for (let wait = 0; wait < 100 && !received[0]?.socket.destroyed; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await transport.send(Buffer.from('b'), 5000)).kind).toBe('success');
    expect(received[1]?.socket).not.toBe(received[0]?.socket);
    transport.close();
  });
});
