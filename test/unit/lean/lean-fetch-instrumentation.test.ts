import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { suppressTracing } from '../../../src/context/suppress-tracing';
import { LEAN_FETCH_SCOPE, LeanFetchInstrumentation } from '../../../src/instrumentation/lean/lean-fetch-instrumentation';
import { createTestTracing, type TestTracing } from '../../../src/testing';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

let server: Server;
let origin: string;
/** Headers of the last request the server received. */
let received: IncomingHttpHeaders | undefined;

beforeAll(async () => {
  server = createServer((request, response) => {
    received = request.headers;
    if (request.url === '/hang') {
      // Headers and part of the body, then nothing until the client goes away.
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('partial');
      return;
    }
    const status = Number(/^\/status\/(\d{3})/.exec(request.url ?? '')?.[1] ?? 200);
    response.writeHead(status, { 'content-type': 'text/plain' });
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let tracing: TestTracing;
let instrumentation: LeanFetchInstrumentation;

beforeEach(() => {
  received = undefined;
  tracing = createTestTracing();
  instrumentation = new LeanFetchInstrumentation();
});

afterEach(async () => {
  instrumentation.disable();
  await tracing.shutdown();
});

/** Fetches and reads the whole body, as the span ends when the response is complete. */
async function fetchText(url: string, init?: RequestInit): Promise<number> {
  const response = await fetch(url, init);
  await response.text();
  return response.status;
}

function parseTraceparent(headers: IncomingHttpHeaders | undefined): { traceId: string; spanId: string; flags: string } | undefined {
  const match = TRACEPARENT.exec(String(headers?.traceparent ?? ''));
  return match === null ? undefined : { traceId: match[1] as string, spanId: match[2] as string, flags: match[3] as string };
}

describe('LeanFetchInstrumentation', () => {
  it('makes a client span under the active span, with redacted URL attributes, and propagates it', async () => {
    const parent = tracing.tracer().startSpan('parent');
    const status = await context.with(trace.setSpan(context.active(), parent), () =>
      fetchText(`${origin}/items/1?sig=secret&q=1`, { headers: { 'user-agent': 'unit-test' } }),
    );
    parent.end();
    expect(status).toBe(200);
    const [span] = tracing.spansNamed('GET');
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.instrumentationScope.name).toBe(LEAN_FETCH_SCOPE);
    expect(span?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    const port = Number(new URL(origin).port);
    expect(span?.attributes).toEqual({
      'http.request.method': 'GET',
      'url.full': `${origin}/items/1?sig=REDACTED&q=1`,
      'url.path': '/items/1',
      'url.query': 'sig=REDACTED&q=1',
      'url.scheme': 'http',
      'server.address': '127.0.0.1',
      'server.port': port,
      'user_agent.original': 'unit-test',
      'network.peer.address': '127.0.0.1',
      'network.peer.port': port,
      'network.protocol.version': '1.1',
      'http.response.status_code': 200,
    });
    expect(parseTraceparent(received)).toEqual({ traceId: span?.spanContext().traceId, spanId: span?.spanContext().spanId, flags: '01' });
  });

  it.each([404, 500])('marks a %i response as an error', async (code) => {
    expect(await fetchText(`${origin}/status/${code}`)).toBe(code);
    const [span] = tracing.spansNamed('GET');
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['http.response.status_code']).toBe(code);
    expect(span?.attributes['error.type']).toBe(String(code));
  });

  it('records a refused connection as an error with its code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    const [span] = tracing.spansNamed('GET');
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['error.type']).toBe('ECONNREFUSED');
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('names a span of an unknown method HTTP and keeps the original method', async () => {
    await fetchText(`${origin}/brew`, { method: 'BREW' });
    const [span] = tracing.spansNamed('HTTP');
    expect(span?.attributes['http.request.method']).toBe('_OTHER');
    expect(span?.attributes['http.request.method_original']).toBe('BREW');
  });

  it('ends a request aborted by the caller without marking it as an error', async () => {
    const controller = new AbortController();
    const response = await fetch(`${origin}/hang`, { signal: controller.signal });
    controller.abort();
    await expect(response.text()).rejects.toThrow();
    const [span] = tracing.spansNamed('GET');
    expect(span?.attributes['url.path']).toBe('/hang');
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(span?.attributes['error.type']).toBeUndefined();
    expect(span?.events).toEqual([]);
  });

  it('traces nothing and adds no header where tracing is suppressed', async () => {
    await context.with(suppressTracing(context.active()), () => fetchText(`${origin}/quiet`));
    expect(tracing.finishedSpans()).toEqual([]);
    expect(received?.traceparent).toBeUndefined();
  });

  it('propagates an unsampled parent without recording a span', async () => {
    instrumentation.disable();
    await tracing.shutdown();
    tracing = createTestTracing({ sampler: 'parentbased_always_on' });
    instrumentation = new LeanFetchInstrumentation();
    const parentContext = trace.setSpanContext(ROOT_CONTEXT, { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.NONE, isRemote: true });
    await context.with(parentContext, () => fetchText(`${origin}/unsampled`));
    expect(tracing.finishedSpans()).toEqual([]);
    const sent = parseTraceparent(received);
    expect(sent?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(sent?.spanId).not.toBe('00f067aa0ba902b7');
    expect(sent?.flags).toBe('00');
  });

  it('stops after disable and starts again after enable', async () => {
    instrumentation.disable();
    expect(instrumentation.getConfig().enabled).toBe(false);
    await fetchText(`${origin}/off`);
    expect(tracing.finishedSpans()).toEqual([]);
    expect(received?.traceparent).toBeUndefined();
    instrumentation.enable();
    instrumentation.enable();
    await fetchText(`${origin}/on`);
    expect(tracing.spansNamed('GET')).toHaveLength(1);
  });

  it('never sees a URL with credentials: fetch refuses it before undici makes a request', async () => {
    await expect(fetch(`http://user:password@127.0.0.1:1/`)).rejects.toThrow(TypeError);
    expect(tracing.finishedSpans()).toEqual([]);
  });
});
