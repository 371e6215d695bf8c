import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJsonTraces, decodeProtobufTraces, type ReceivedSpan } from './otlp-decode';

/** How the receiver answers export requests; tests switch it to script collector failures. */
export type ReceiverMode = { kind: 'ok' } | { kind: 'status'; status: number; headers?: Record<string, string> } | { kind: 'hang' };

/** An OTLP/HTTP trace receiver on 127.0.0.1 and an ephemeral port, for tests. */
export interface OtlpReceiver {
  /** Base URL, e.g. `http://127.0.0.1:41234`; exporters send to `${url}/v1/traces`. */
  url: string;
  spans: ReceivedSpan[];
  requests: Array<{ contentType: string; bytes: number; headers: IncomingMessage['headers'] }>;
  mode: ReceiverMode;
  /** Resolves when at least `count` spans (matching `filter`) arrived, or rejects after `timeoutMillis`. */
  waitForSpans(count: number, timeoutMillis?: number, filter?: (span: ReceivedSpan) => boolean): Promise<ReceivedSpan[]>;
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const hanging = new Set<ServerResponse>();
  const waiters = new Set<() => void>();
  const receiver: Omit<OtlpReceiver, 'url'> & { url: string } = {
    url: '',
    spans: [],
    requests: [],
    mode: { kind: 'ok' },
    waitForSpans(count, timeoutMillis = 20_000, filter = () => true) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const matching = receiver.spans.filter(filter);
          if (matching.length < count) return false;
          waiters.delete(onChange);
          clearTimeout(timer);
          resolve(matching);
          return true;
        };
        const onChange = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(onChange);
          reject(new Error(`expected ${count} spans within ${timeoutMillis} ms, received ${receiver.spans.filter(filter).length}`));
        }, timeoutMillis);
        if (!check()) waiters.add(onChange);
      });
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const contentType = request.headers['content-type'] ?? '';
      receiver.requests.push({ contentType, bytes: body.length, headers: request.headers });
      const mode = receiver.mode;
      if (mode.kind === 'hang') {
        hanging.add(response);
        return;
      }
      if (mode.kind === 'status') {
        response.writeHead(mode.status, mode.headers).end();
        return;
      }
      const spans = contentType.includes('json') ? decodeJsonTraces(body) : decodeProtobufTraces(body);
      receiver.spans.push(...spans);
      for (const waiter of [...waiters]) waiter();
      response.writeHead(200, { 'content-type': contentType.includes('json') ? 'application/json' : 'application/x-protobuf' });
      response.end(contentType.includes('json') ? '{}' : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
