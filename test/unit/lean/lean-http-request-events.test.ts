import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { trace, type SpanContext } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LeanHttpInstrumentation } from '../../../src/instrumentation/lean/lean-http-instrumentation';
import { createTestTracing, type TestTracing } from '../../../src/testing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';

let tracing: TestTracing;
let instrumentation: LeanHttpInstrumentation;
let server: Server;
let port: number;
/** The active span in each listener, by request path. */
let seen: Map<string, SpanContext | undefined>;

beforeEach(async () => {
  seen = new Map();
  tracing = createTestTracing({ sampler: 'parentbased_always_on' });
  // Outgoing tracing off: the test's own requests carry the traceparent it gives them.
  instrumentation = new LeanHttpInstrumentation({ outgoing: false });
  server = createServer((request, response) => {
    seen.set(`request ${request.url}`, trace.getActiveSpan()?.spanContext());
    response.end('ok');
  });
  server.on('checkContinue', (request, response) => {
    seen.set(`checkContinue ${request.url}`, trace.getActiveSpan()?.spanContext());
    response.writeContinue();
    request.resume();
    request.on('end', () => response.end('continued'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  instrumentation.disable();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await tracing.shutdown();
});

/** Sends one request and resolves with the response body. */
function send(path: string, headers: Record<string, string>, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(text));
    });
    outgoing.on('error', reject);
    if (body === undefined) outgoing.end();
    else outgoing.on('continue', () => outgoing.end(body));
  });
}

/** Sends raw bytes on a fresh connection and resolves with everything the server answered. */
function sendRaw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('LeanHttpInstrumentation and the server events that start a request', () => {
  it('runs a `checkContinue` listener in the request span, so a request with `Expect: 100-continue` keeps its trace', async () => {
    const body = await send('/upload', { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01`, expect: '100-continue' }, 'payload');
    expect(body).toBe('continued');
    const serverSpan = tracing.finishedSpans().find((span) => span.attributes['url.path'] === '/upload');
    expect(serverSpan).toBeDefined();
    expect(seen.get('checkContinue /upload')?.traceId).toBe(TRACE_ID);
    expect(seen.get('checkContinue /upload')?.spanId).toBe(serverSpan?.spanContext().spanId);
  });

  it('never hands a request the context of one Node answered without an event', async () => {
    // HTTP/1.1 without Host: Node answers 400 itself, and no listener runs for it.
    expect(await sendRaw('GET /no-host HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(seen.has('request /no-host')).toBe(false);
    const otherTrace = 'aaaabbbbccccddddeeeeffff00001111';
    await send('/next', { traceparent: `00-${otherTrace}-${PARENT_ID}-01` });
    expect(seen.get('request /next')?.traceId).toBe(otherTrace);
  });
});
