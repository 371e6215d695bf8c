import { diag, trace } from '@opentelemetry/api';
import { BinaryCarrier, FORMAT_BINARY, FORMAT_HTTP_HEADERS, FORMAT_TEXT_MAP, type SpanContext } from 'opentracing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withSpan } from '../../../src/decorators';
import { createOpenTracingTracer, type BridgeTracer } from '../../../src/opentracing';
import { bridgeWarnings } from '../../../src/opentracing/bridge-warnings';
import { extract, inject } from '../../../src/propagation/inject-extract';
import { createTestTracing, type TestTracing } from '../../../src/testing';

let tracing: TestTracing;
let tracer: BridgeTracer;

beforeEach(() => {
  tracing = createTestTracing({ propagators: ['tracecontext', 'baggage', 'jaeger'] });
  tracer = createOpenTracingTracer();
});
afterEach(() => tracing.shutdown());

const TRACE = '80f198ee56343ba864fe8b2a57d3eff7';
const SPAN = 'e457b5a2e4d86bd1';

describe('inject', () => {
  it('writes W3C and Jaeger headers for HTTP headers and text maps, with baggage in both forms', () => {
    const span = tracer.startSpan('client');
    span.setBaggageItem('user', 'ann lee');
    for (const format of [FORMAT_HTTP_HEADERS, FORMAT_TEXT_MAP]) {
      const carrier: Record<string, string> = {};
      tracer.inject(span.context(), format, carrier);
      const { traceId, spanId } = { traceId: span.context().toTraceId(), spanId: span.context().toSpanId() };
      expect(carrier).toEqual({
        traceparent: `00-${traceId}-${spanId}-01`,
        baggage: 'user=ann%20lee',
        'uber-trace-id': `${traceId}:${spanId}:0:01`,
        'uberctx-user': 'ann%20lee',
      });
    }
  });

  it('writes the same headers as one UTF-8 JSON object into a binary carrier, which extract reads back', () => {
    const span = tracer.startSpan('producer');
    span.setBaggageItem('k', 'v');
    const carrier = new BinaryCarrier([]);
    tracer.inject(span, FORMAT_BINARY, carrier);
    const headers = JSON.parse(Buffer.from(carrier.buffer as Uint8Array).toString('utf8')) as Record<string, string>;
    expect(headers['uber-trace-id']).toBe(`${span.context().toTraceId()}:${span.context().toSpanId()}:0:01`);
    const read = tracer.extract(FORMAT_BINARY, carrier);
    expect(read?.toTraceId()).toBe(span.context().toTraceId());
    expect(read?.toSpanId()).toBe(span.context().toSpanId());
    const consumer = tracer.startSpan('consumer', { childOf: read as SpanContext });
    expect(consumer.getBaggageItem('k')).toBe('v');
  });

  it('an OpenTelemetry service reads what the bridge injects', () => {
    const span = tracer.startSpan('client');
    const headers: Record<string, string> = {};
    tracer.inject(span, FORMAT_HTTP_HEADERS, headers);
    expect(trace.getSpanContext(extract(headers))?.spanId).toBe(span.context().toSpanId());
  });
});

describe('extract', () => {
  it('continues a trace from a jaeger-client service: short ids, parent id and flags as it writes them', () => {
    const read = tracer.extract(FORMAT_HTTP_HEADERS, { 'uber-trace-id': '64fe8b2a57d3eff7:e457b5a2e4d86bd1:12ab:1', 'uberctx-tenant': 'acme' });
    expect(read?.toTraceId()).toBe('000000000000000064fe8b2a57d3eff7');
    const child = tracer.startSpan('server', { childOf: read as SpanContext });
    expect(child.getBaggageItem('tenant')).toBe('acme');
    child.finish();
    const [span] = tracing.finishedSpans();
    expect(span?.parentSpanContext).toMatchObject({ traceId: '000000000000000064fe8b2a57d3eff7', spanId: SPAN, isRemote: true });
  });

  it('continues a W3C trace from text maps and Node header objects', () => {
    for (const format of [FORMAT_TEXT_MAP, FORMAT_HTTP_HEADERS]) {
      const read = tracer.extract(format, { traceparent: `00-${TRACE}-${SPAN}-01`, baggage: 'a=1' });
      expect(read?.toTraceId()).toBe(TRACE);
      expect(read?.toSpanId()).toBe(SPAN);
    }
  });

  it('returns null when the carrier holds no trace', () => {
    expect(tracer.extract(FORMAT_HTTP_HEADERS, {})).toBeNull();
    expect(tracer.extract(FORMAT_TEXT_MAP, { 'uber-trace-id': 'junk' })).toBeNull();
    expect(tracer.extract(FORMAT_BINARY, new BinaryCarrier([1, 2, 3]))).toBeNull();
    expect(tracer.extract(FORMAT_BINARY, { buffer: null })).toBeNull();
    expect(tracer.extract(FORMAT_BINARY, { buffer: Buffer.from('{"traceparent":7}') })).toBeNull();
  });

  it('propagates through an OpenTelemetry hop: OpenTracing client, OpenTelemetry server, OpenTracing downstream', () => {
    const client = tracer.startSpan('ot-client');
    const outgoing: Record<string, string> = {};
    tracer.inject(client, FORMAT_HTTP_HEADERS, outgoing);
    const next: Record<string, string> = {};
    tracer.activate(tracer.startSpan('hop', { childOf: tracer.extract(FORMAT_HTTP_HEADERS, outgoing) as SpanContext }), () => withSpan('otel-server', () => inject(next)));
    const server = tracing.spansNamed('otel-server')[0];
    expect(server).toBeDefined();
    expect(tracer.extract(FORMAT_HTTP_HEADERS, next)?.toSpanId()).toBe(server?.spanContext().spanId);
  });
});

describe('bad input: never throws, does what the API documents, warns once', () => {
  it('an unknown format: inject writes nothing, extract returns null, one warning', () => {
    const warn = vi.spyOn(diag, 'warn');
    const span = tracer.startSpan('x');
    const carrier: Record<string, string> = {};
    expect(() => tracer.inject(span, 'thrift', carrier)).not.toThrow();
    expect(tracer.extract('thrift', carrier)).toBeNull();
    expect(carrier).toEqual({});
    expect(warn.mock.calls.map(([message]) => message)).toEqual([bridgeWarnings.unknownFormat('thrift')]);
  });

  it('a carrier of the wrong type, once per format', () => {
    const warn = vi.spyOn(diag, 'warn');
    const span = tracer.startSpan('x');
    for (const carrier of ['text', 42, null, ['a']]) {
      expect(() => tracer.inject(span, FORMAT_TEXT_MAP, carrier)).not.toThrow();
      expect(tracer.extract(FORMAT_TEXT_MAP, carrier)).toBeNull();
    }
    expect(warn.mock.calls.map(([message]) => message)).toEqual([bridgeWarnings.badCarrier('text_map', 'text')]);
  });

  it('a carrier whose setter throws does not throw into the application', () => {
    const hostile = new Proxy({}, { set: () => { throw new Error('read-only'); }, defineProperty: () => { throw new Error('read-only'); } });
    expect(() => tracer.inject(tracer.startSpan('x'), FORMAT_HTTP_HEADERS, hostile)).not.toThrow();
  });

  it('a reference to a finished span: still the parent, one warning', () => {
    const warn = vi.spyOn(diag, 'warn');
    const parent = tracer.startSpan('parent');
    parent.finish();
    tracer.startSpan('late-child', { childOf: parent }).finish();
    tracer.startSpan('late-child', { childOf: parent }).finish();
    expect(tracing.spansNamed('late-child').every((span) => span.parentSpanContext?.spanId === parent.context().toSpanId())).toBe(true);
    expect(warn.mock.calls.map(([message]) => message)).toEqual([bridgeWarnings.childOfFinished('late-child')]);
  });

  it('a span context of another tracer, odd options, names and times: ignored with a warning each', () => {
    const warn = vi.spyOn(diag, 'warn');
    const foreign: SpanContext = { toTraceId: () => TRACE, toSpanId: () => SPAN };
    expect(() => tracer.startSpan('a', { childOf: foreign })).not.toThrow();
    expect(() => tracer.inject(foreign, FORMAT_TEXT_MAP, {})).not.toThrow();
    expect(() => tracer.startSpan(42 as unknown as string, 'options' as never)).not.toThrow();
    expect(() => tracer.startSpan('b', { startTime: Number.NaN, tags: 'x' as never }).finish(-1)).not.toThrow();
    const span = tracer.startSpan('done');
    span.finish();
    expect(() => span.setTag('after', 1).log({ after: true })).not.toThrow();
    expect(() => tracer.activate({} as never, () => 1)).not.toThrow();
    expect(new Set(warn.mock.calls.map(([message]) => message))).toEqual(
      new Set([
        bridgeWarnings.foreignContext(),
        bridgeWarnings.badName(),
        bridgeWarnings.badTags(),
        bridgeWarnings.badTime('startTime'),
        bridgeWarnings.badTime('finish() time'),
        bridgeWarnings.afterFinish('done'),
        bridgeWarnings.notASpan(),
      ]),
    );
    expect(tracing.spansNamed('done')[0]?.attributes).toEqual({});
  });

  it('hostile values (throwing getters, a throwing OpenTelemetry tracer) never throw into the application', () => {
    const hostile = Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('getter'); } });
    const span = tracer.startSpan('hostile', { tags: hostile });
    expect(() => span.setTag('x', 1).addTags(hostile as Record<string, unknown>).log(hostile as Record<string, unknown>)).not.toThrow();
    expect(() => span.finish()).not.toThrow();
    expect(tracer.extract(FORMAT_TEXT_MAP, new Proxy({}, { get: () => { throw new Error('get'); }, ownKeys: () => { throw new Error('keys'); } }))).toBeNull();
    const throwing = createOpenTracingTracer({ tracer: { startSpan: () => { throw new Error('tracer down'); }, startActiveSpan: () => undefined } });
    const fallback = throwing.startSpan('still a span', { tags: { a: 1 } });
    expect(() => fallback.setTag('b', 2).finish()).not.toThrow();
    expect(fallback.context().toTraceId()).toBe('0'.repeat(32));
  });
});

