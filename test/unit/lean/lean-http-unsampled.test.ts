import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LeanHttpInstrumentation } from '../../../src/instrumentation/lean/lean-http-instrumentation';
import { createPathMatcher } from '../../../src/instrumentation/path-matcher';
import { createTestTracing, type TestTracing } from '../../../src/testing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';

let tracing: TestTracing;
let instrumentation: LeanHttpInstrumentation;
let server: Server;
let origin: string;
/** What the front route saw as active span, and what the downstream route received. */
let activeInHandler: SpanContext | undefined;
let downstreamHeaders: IncomingHttpHeaders | undefined;

beforeEach(async () => {
  activeInHandler = undefined;
  downstreamHeaders = undefined;
  tracing = createTestTracing({ sampler: 'parentbased_always_on' });
  instrumentation = new LeanHttpInstrumentation({ ignoreIncomingRequest: createPathMatcher(['/health']) });
  server = createServer((request, response) => {
    if (request.url === '/downstream') {
      downstreamHeaders = request.headers;
      response.end('down');
      return;
    }
    activeInHandler = trace.getActiveSpan()?.spanContext();
    // The call a handler makes: it must carry the request's trace context.
    get(`${origin}/downstream`, (down) => {
      down.resume();
      down.on('end', () => response.end('front'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  instrumentation.disable();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await tracing.shutdown();
});

/** Sends a request with global fetch, which the lean HTTP instrumentation does not see. */
async function call(path: string, traceparent: string): Promise<string> {
  const response = await fetch(`${origin}${path}`, { headers: { traceparent } });
  return response.text();
}

describe('LeanHttpInstrumentation on an unsampled request', () => {
  it('runs the handler in the non-recording span of the request, so outgoing calls carry the trace id unsampled', async () => {
    expect(await call('/front', `00-${TRACE_ID}-${PARENT_ID}-00`)).toBe('front');
    expect(tracing.finishedSpans()).toEqual([]);
    expect(activeInHandler?.traceId).toBe(TRACE_ID);
    expect(activeInHandler?.traceFlags).toBe(TraceFlags.NONE);
    expect(activeInHandler?.spanId).not.toBe(PARENT_ID);
    // The downstream request's parent is the front request's own (unsampled) span; its own client span id differs.
    const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-00$/.exec(String(downstreamHeaders?.traceparent));
    expect(match?.[1]).toBe(TRACE_ID);
    expect(match?.[2]).not.toBe(activeInHandler?.spanId);
    expect(match?.[2]).not.toBe(PARENT_ID);
  });

  it('records the request and its call when the parent is sampled', async () => {
    await call('/front', `00-${TRACE_ID}-${PARENT_ID}-01`);
    const server = tracing.finishedSpans().find((span) => span.attributes['url.path'] === '/front');
    expect(server?.spanContext().traceId).toBe(TRACE_ID);
    expect(activeInHandler?.spanId).toBe(server?.spanContext().spanId);
    expect(String(downstreamHeaders?.traceparent)).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
  });

  it('traces nothing below an ignored path, not even the calls it makes', async () => {
    await call('/health', `00-${TRACE_ID}-${PARENT_ID}-01`);
    expect(activeInHandler).toBeUndefined();
    expect(downstreamHeaders).toBeDefined();
    expect(downstreamHeaders?.traceparent).toBeUndefined();
    // Only the downstream route, reached without context, starts a trace of its own.
    const spans = tracing.finishedSpans();
    expect(spans.map((span) => [span.kind, span.attributes['url.path'], span.parentSpanContext])).toEqual([[SpanKind.SERVER, '/downstream', undefined]]);
    expect(spans[0]?.spanContext().traceId).not.toBe(TRACE_ID);
  });
});
