import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { ROOT_CONTEXT, trace, type Context, type SpanContext } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extract, inject } from '../../../src/propagation/inject-extract';
import { createTestTracing, type TestTracing } from '../../../src/testing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;

let tracing: TestTracing;
let sendingContext: Context;
let sending: SpanContext;

beforeEach(() => {
  tracing = createTestTracing();
  const span = tracing.tracer().startSpan('sender');
  sendingContext = trace.setSpan(ROOT_CONTEXT, span);
  sending = span.spanContext();
  span.end();
});

afterEach(async () => {
  await tracing.shutdown();
});

function remote(context: Context): SpanContext | undefined {
  return trace.getSpanContext(context);
}

describe('Node HTTP header objects', () => {
  it('extracts from IncomingHttpHeaders with lower-case keys', () => {
    const headers: IncomingHttpHeaders = { host: '127.0.0.1', traceparent: TRACEPARENT };
    expect(remote(extract(headers))).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true });
  });

  it('matches keys case-insensitively', () => {
    const headers: IncomingHttpHeaders = { TraceParent: [TRACEPARENT] };
    expect(remote(extract(headers))?.traceId).toBe(TRACE_ID);
  });

  it('ignores repeated traceparent values, which W3C Trace Context treats as a duplicated, invalid parent', () => {
    const headers: IncomingHttpHeaders = { TraceParent: [TRACEPARENT, `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`] };
    expect(remote(extract(headers))).toBeUndefined();
  });

  it('injects string values into OutgoingHttpHeaders, replacing other-case copies', () => {
    const headers: OutgoingHttpHeaders = { 'content-length': 12, TRACEPARENT: 'stale' };
    const returned = inject(headers, sendingContext);
    expect(returned).toBe(headers);
    expect(headers).toEqual({ 'content-length': 12, traceparent: `00-${sending.traceId}-${sending.spanId}-01` });
  });

  it('round-trips through inject then extract', () => {
    const extracted = remote(extract(inject({}, sendingContext)));
    expect(extracted).toMatchObject({ traceId: sending.traceId, spanId: sending.spanId, isRemote: true });
  });

  it('ignores number values where a trace context is expected', () => {
    expect(remote(extract({ traceparent: 42 }))).toBeUndefined();
  });
});

describe('fetch Headers', () => {
  it('injects into and extracts from a Headers instance', () => {
    const headers = inject(new Headers({ accept: 'application/json' }), sendingContext);
    expect(headers.get('traceparent')).toBe(`00-${sending.traceId}-${sending.spanId}-01`);
    expect(headers.get('accept')).toBe('application/json');
    expect(remote(extract(headers))?.spanId).toBe(sending.spanId);
  });

  it('writes text even when binary values are asked for', () => {
    const headers = inject(new Headers(), sendingContext, { binary: true });
    expect(typeof headers.get('traceparent')).toBe('string');
  });

  it('reads mixed-case names', () => {
    expect(remote(extract(new Headers({ TraceParent: TRACEPARENT })))?.traceId).toBe(TRACE_ID);
  });
});

describe('plain string maps', () => {
  it('injects strings into an empty object', () => {
    const carrier: Record<string, string> = {};
    inject(carrier, sendingContext);
    expect(Object.keys(carrier)).toEqual(['traceparent']);
    expect(typeof carrier.traceparent).toBe('string');
  });

  it('extracts from a Map with any key case', () => {
    const carrier = new Map([['Traceparent', TRACEPARENT]]);
    expect(remote(extract(carrier))?.traceId).toBe(TRACE_ID);
  });

  it('injects into a Map, dropping other-case copies', () => {
    const carrier = new Map<string, string>([['TRACEPARENT', 'stale']]);
    inject(carrier, sendingContext);
    expect([...carrier.keys()]).toEqual(['traceparent']);
  });
});

describe('binary message headers', () => {
  it('injects Buffers when asked for', () => {
    const headers: Record<string, Buffer | string> = { 'content-type': 'application/json' };
    inject(headers, sendingContext, { binary: true });
    expect(Buffer.isBuffer(headers.traceparent)).toBe(true);
    expect(headers.traceparent?.toString()).toBe(`00-${sending.traceId}-${sending.spanId}-01`);
    expect(headers['content-type']).toBe('application/json');
  });

  it('injects Buffers into a Map when asked for', () => {
    const headers = new Map<string, Buffer | string>();
    inject(headers, sendingContext, { binary: true });
    expect(Buffer.isBuffer(headers.get('traceparent'))).toBe(true);
  });

  it('extracts from Buffer, Uint8Array and arrays of Buffers', () => {
    const bytes = new TextEncoder().encode(TRACEPARENT);
    expect(remote(extract({ traceparent: Buffer.from(TRACEPARENT) }))?.traceId).toBe(TRACE_ID);
    expect(remote(extract({ traceparent: bytes }))?.traceId).toBe(TRACE_ID);
    expect(remote(extract({ traceparent: [Buffer.from(TRACEPARENT)] }))?.traceId).toBe(TRACE_ID);
  });

  it('round-trips binary headers', () => {
    const headers = inject({}, sendingContext, { binary: true });
    expect(remote(extract(headers))).toMatchObject({ traceId: sending.traceId, spanId: sending.spanId });
  });
});

describe('extract context argument', () => {
  it('defaults to the root context, so an active span never becomes the parent', () => {
    const result = tracing.tracer().startActiveSpan('active', (active) => {
      const context = extract({ traceparent: 'garbage' });
      active.end();
      return context;
    });
    expect(remote(result)).toBeUndefined();
  });

  it('keeps the given context span when the carrier has none', () => {
    expect(remote(extract({}, sendingContext))?.spanId).toBe(sending.spanId);
    expect(remote(extract({ traceparent: 'garbage' }, sendingContext))?.spanId).toBe(sending.spanId);
  });
});
