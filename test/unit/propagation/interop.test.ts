import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBaggage, setBaggage } from '../../../src/propagation/baggage';
import { extract, inject } from '../../../src/propagation/inject-extract';
import { createTestTracing, type TestTracing } from '../../../src/testing';

// The propagators named as OTEL_PROPAGATORS=tracecontext,baggage,jaeger,b3 would name them.
let tracing: TestTracing;

beforeEach(() => {
  tracing = createTestTracing({ propagators: ['tracecontext', 'baggage', 'jaeger', 'b3'] });
});

afterEach(async () => {
  await tracing.shutdown();
});

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

/** Plays a service: continues the incoming context with a server span and returns what it sends downstream. */
function serve(incoming: Record<string, string>): { outgoing: Record<string, string>; traceId: string; parentSpanId: string | undefined } {
  const span = tracing.tracer().startSpan('GET /users/:id', {}, extract(incoming));
  const outgoing = context.with(trace.setSpan(extract(incoming), span), () => inject<Record<string, string>>({}));
  span.end();
  const finished = tracing.finishedSpans().at(-1);
  return { outgoing, traceId: span.spanContext().traceId, parentSpanId: finished?.parentSpanContext?.spanId };
}

describe('Jaeger to W3C', () => {
  it('continues the trace id of an uber-trace-id header and sends traceparent, uber-trace-id and b3', () => {
    const { outgoing, traceId, parentSpanId } = serve({ 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:1` });
    expect(traceId).toBe(TRACE_ID);
    expect(parentSpanId).toBe(SPAN_ID);
    expect(outgoing.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
    expect(outgoing['uber-trace-id']).toMatch(new RegExp(`^${TRACE_ID}:[0-9a-f]{16}:0:01$`));
    expect(outgoing.b3).toMatch(new RegExp(`^${TRACE_ID}-[0-9a-f]{16}-1$`));
  });

  it('pads a 64-bit Jaeger trace id to 128 bits', () => {
    const { traceId, outgoing } = serve({ 'uber-trace-id': 'a3ce929d0e0e4736:00f067aa0ba902b7:0:1' });
    expect(traceId).toBe('0000000000000000a3ce929d0e0e4736');
    expect(outgoing.traceparent).toContain('-0000000000000000a3ce929d0e0e4736-');
  });

  it('accepts a url-encoded uber-trace-id, as some Jaeger clients send it', () => {
    const { traceId } = serve({ 'uber-trace-id': `${TRACE_ID}%3A${SPAN_ID}%3A0%3A1` });
    expect(traceId).toBe(TRACE_ID);
  });

  it('keeps the sampled flag: an unsampled Jaeger parent stays unsampled', async () => {
    await tracing.shutdown();
    tracing = createTestTracing({ propagators: ['tracecontext', 'jaeger'], sampler: 'parentbased_always_on' });
    const span = tracing.tracer().startSpan('child', {}, extract({ 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:0` }));
    expect(span.isRecording()).toBe(false);
    span.end();
  });

  it('turns uberctx-* baggage into W3C baggage', () => {
    const extracted = extract({ 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:1`, 'uberctx-tenant': 'acme', 'uberctx-user': 'ada%20lovelace' });
    expect(getBaggage('tenant', extracted)).toBe('acme');
    expect(getBaggage('user', extracted)).toBe('ada lovelace');
    const outgoing = inject<Record<string, string>>({}, extracted);
    expect(outgoing.baggage?.split(',').sort()).toEqual(['tenant=acme', 'user=ada%20lovelace']);
    expect(outgoing['uberctx-tenant']).toBe('acme');
  });
});

describe('W3C to Jaeger and B3', () => {
  it('a Jaeger-only service reads the trace a W3C service sends', () => {
    const { outgoing } = serve({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` });
    const jaegerOnly = extract({ 'uber-trace-id': outgoing['uber-trace-id'] ?? '' });
    expect(trace.getSpanContext(jaegerOnly)?.traceId).toBe(TRACE_ID);
  });

  it('W3C baggage goes out as uberctx-* too', () => {
    const ctx = setBaggage({ 'user.id': '42' }, ROOT_CONTEXT);
    expect(inject<Record<string, string>>({}, ctx)).toMatchObject({ baggage: 'user.id=42', 'uberctx-user.id': '42' });
  });
});

describe('B3 to W3C', () => {
  it('continues a B3 single-header trace', () => {
    const { traceId, parentSpanId, outgoing } = serve({ b3: `${TRACE_ID}-${SPAN_ID}-1` });
    expect(traceId).toBe(TRACE_ID);
    expect(parentSpanId).toBe(SPAN_ID);
    expect(outgoing.traceparent).toContain(TRACE_ID);
  });

  it('continues a B3 multi-header trace', () => {
    const { traceId, parentSpanId } = serve({ 'X-B3-TraceId': TRACE_ID, 'X-B3-SpanId': SPAN_ID, 'X-B3-Sampled': '1' });
    expect(traceId).toBe(TRACE_ID);
    expect(parentSpanId).toBe(SPAN_ID);
  });

  it('continues a 64-bit B3 trace id padded to 128 bits', () => {
    const { traceId } = serve({ b3: `a3ce929d0e0e4736-${SPAN_ID}-1` });
    expect(traceId).toBe('0000000000000000a3ce929d0e0e4736');
  });

  it('emits multi-header B3 when b3multi is configured', async () => {
    await tracing.shutdown();
    tracing = createTestTracing({ propagators: ['tracecontext', 'b3multi'] });
    const { outgoing } = serve({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` });
    expect(outgoing['x-b3-traceid']).toBe(TRACE_ID);
    expect(outgoing['x-b3-sampled']).toBe('1');
    expect(outgoing.b3).toBeUndefined();
  });
});

describe('mixed headers', () => {
  it('all formats naming the same trace agree', () => {
    const { traceId } = serve({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
      'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:1`,
      b3: `${TRACE_ID}-${SPAN_ID}-1`,
    });
    expect(traceId).toBe(TRACE_ID);
  });

  it('a malformed Jaeger header does not hide a valid traceparent', () => {
    const { traceId } = serve({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, 'uber-trace-id': 'garbage' });
    expect(traceId).toBe(TRACE_ID);
  });

  it('propagation uses the global propagator fields', () => {
    expect(propagation.fields()).toEqual(expect.arrayContaining(['traceparent', 'baggage', 'uber-trace-id', 'b3']));
  });
});
