import { defaultTextMapGetter, defaultTextMapSetter, propagation, ROOT_CONTEXT, trace, TraceFlags, type Context, type TextMapPropagator } from '@opentelemetry/api';
import { JaegerPropagator as OfficialJaegerPropagator } from '@opentelemetry/propagator-jaeger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JAEGER_DEBUG_FLAG_KEY } from '../../../src/propagation/jaeger/jaeger-headers';
import { JaegerPropagator } from '../../../src/propagation/jaeger/jaeger-propagator';
import { MAX_UBER_TRACE_ID_CHARS } from '../../../src/propagation/jaeger/uber-trace-id';
import { MAX_BAGGAGE_MEMBERS } from '../../../src/propagation/w3c/baggage-limits';
import { runs, spanId, traceId } from './header-arbitraries';

const own = new JaegerPropagator();
const official = new OfficialJaegerPropagator();

function extracted(propagator: TextMapPropagator, carrier: Record<string, string>, context: Context = ROOT_CONTEXT): Context {
  return propagator.extract(context, carrier, defaultTextMapGetter);
}

function spanContextOf(context: Context): unknown {
  const spanContext = trace.getSpanContext(context);
  if (spanContext === undefined) return undefined;
  const { traceId: id, spanId: span, traceFlags, isRemote } = spanContext;
  return { traceId: id, spanId: span, traceFlags, isRemote };
}

function baggageOf(context: Context): Record<string, string> | undefined {
  const baggage = propagation.getBaggage(context);
  return baggage === undefined ? undefined : Object.fromEntries(baggage.getAllEntries().map(([key, entry]) => [key, entry.value]));
}

function injected(propagator: TextMapPropagator, context: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, defaultTextMapSetter);
  return carrier;
}

/** An id as jaeger-client writes it: hexadecimal without leading zeros (64- or 128-bit). */
const stripped = (id: string): string => id.replace(/^0+/, '');
const jaegerTraceId = fc.oneof(traceId, traceId.map((id) => id.slice(16)).filter((id) => !/^0+$/.test(id))).map(stripped);
const jaegerSpanId = spanId.map(stripped);
const parentId = fc.oneof(fc.constant('0'), spanId.map(stripped));
const flags = fc.constantFrom('0', '1', '00', '01');
const uberTraceId = fc.tuple(jaegerTraceId, jaegerSpanId, parentId, flags).map(([t, s, p, f]) => `${t}:${s}:${p}:${f}`);
const baggageKey = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const baggageValue = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const uberBaggage = fc.dictionary(baggageKey, baggageValue, { maxKeys: 5 }).map((entries) =>
  Object.fromEntries(Object.entries(entries).map(([key, value]) => [`uberctx-${key}`, encodeURIComponent(value)])),
);

describe('Jaeger propagation, parity with @opentelemetry/propagator-jaeger', () => {
  it('extracts the same span context from valid uber-trace-id headers, plain and percent-encoded', () => {
    fc.assert(
      fc.property(uberTraceId, fc.boolean(), (header, encode) => {
        const carrier = { 'uber-trace-id': encode ? encodeURIComponent(header) : header };
        const ours = spanContextOf(extracted(own, carrier));
        expect(ours).toBeDefined();
        expect(ours).toEqual(spanContextOf(extracted(official, carrier)));
      }),
      runs(300),
    );
  });

  it('extracts the same baggage from uberctx-* headers, added to the baggage already in the context', () => {
    fc.assert(
      fc.property(uberBaggage, fc.option(uberTraceId, { nil: undefined }), (headers, header) => {
        const carrier: Record<string, string> = { ...headers, ...(header === undefined ? {} : { 'uber-trace-id': header }) };
        const base = propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage({ earlier: { value: 'kept' } }));
        expect(baggageOf(extracted(own, carrier, base))).toEqual(baggageOf(extracted(official, carrier, base)));
      }),
      runs(300),
    );
  });

  it('injects the same headers for span contexts and baggage', () => {
    fc.assert(
      fc.property(traceId, spanId, fc.constantFrom(TraceFlags.NONE, TraceFlags.SAMPLED), fc.dictionary(baggageKey, baggageValue, { maxKeys: 5 }), (t, s, f, entries) => {
        let context = trace.setSpanContext(ROOT_CONTEXT, { traceId: t, spanId: s, traceFlags: f, isRemote: false });
        const baggage = Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, { value }]));
        if (Object.keys(baggage).length > 0) context = propagation.setBaggage(context, propagation.createBaggage(baggage));
        expect(injected(own, context)).toEqual(injected(official, context));
      }),
      runs(300),
    );
  });

  it('round-trips: what one writes, the other reads', () => {
    fc.assert(
      fc.property(traceId, spanId, fc.constantFrom(TraceFlags.NONE, TraceFlags.SAMPLED), (t, s, f) => {
        const context = trace.setSpanContext(ROOT_CONTEXT, { traceId: t, spanId: s, traceFlags: f, isRemote: false });
        expect(spanContextOf(extracted(official, injected(own, context)))).toEqual({ traceId: t, spanId: s, traceFlags: f, isRemote: true });
        expect(spanContextOf(extracted(own, injected(official, context)))).toEqual({ traceId: t, spanId: s, traceFlags: f, isRemote: true });
      }),
      runs(200),
    );
    expect(own.fields()).toEqual(official.fields());
  });
});

describe('Jaeger propagation: differences from @opentelemetry/propagator-jaeger, each on the safe side', () => {
  const trace128 = '80f198ee56343ba864fe8b2a57d3eff7';
  const span = 'e457b5a2e4d86bd1';

  it('ids must be hexadecimal of the right length and not zero; the official propagator passes on any text as ids', () => {
    for (const header of [`xyz:${span}:0:1`, `${trace128}:uvw:0:1`, `${trace128}0:${span}:0:1`, `0:${span}:0:1`, `${trace128}:0:0:1`, `${trace128}:${span}:0:1:extra`]) {
      expect(trace.getSpanContext(extracted(own, { 'uber-trace-id': header })), header).toBeUndefined();
    }
    expect(trace.getSpanContext(extracted(official, { 'uber-trace-id': `xyz:${span}:0:1` }))?.traceId).toBe('xyz'.padStart(32, '0'));
  });

  it('unreadable flags reject the header; the official propagator takes them as sampled', () => {
    expect(trace.getSpanContext(extracted(own, { 'uber-trace-id': `${trace128}:${span}:0:zz` }))).toBeUndefined();
    expect(trace.getSpanContext(extracted(official, { 'uber-trace-id': `${trace128}:${span}:0:zz` }))?.traceFlags).toBe(TraceFlags.SAMPLED);
  });

  it('upper-case hex ids are read and lower-cased, so the traceparent sent on is valid', () => {
    const context = extracted(own, { 'uber-trace-id': `${trace128.toUpperCase()}:${span.toUpperCase()}:0:1` });
    expect(spanContextOf(context)).toEqual({ traceId: trace128, spanId: span, traceFlags: TraceFlags.SAMPLED, isRemote: true });
  });

  it('a debug flag samples the trace and is passed on; the official propagator drops it (and samples only with bit 1)', () => {
    const context = extracted(own, { 'uber-trace-id': `${trace128}:${span}:0:2` });
    expect(trace.getSpanContext(context)?.traceFlags).toBe(TraceFlags.SAMPLED);
    expect(context.getValue(JAEGER_DEBUG_FLAG_KEY)).toBe(true);
    expect(injected(own, context)).toEqual({ 'uber-trace-id': `${trace128}:${span}:0:03` });
    expect(trace.getSpanContext(extracted(official, { 'uber-trace-id': `${trace128}:${span}:0:2` }))?.traceFlags).toBe(TraceFlags.NONE);
  });

  it('reads no more than the baggage limits and writes no header Node would refuse; the official propagator has no limit', () => {
    const carrier: Record<string, string> = {};
    for (let index = 0; index < MAX_BAGGAGE_MEMBERS + 50; index += 1) carrier[`uberctx-k${index}`] = 'v';
    expect(Object.keys(baggageOf(extracted(own, carrier)) ?? {})).toHaveLength(MAX_BAGGAGE_MEMBERS);
    expect(Object.keys(baggageOf(extracted(official, carrier)) ?? {})).toHaveLength(MAX_BAGGAGE_MEMBERS + 50);
    const big = { 'uberctx-big': 'x'.repeat(9000), 'uberctx-small': 'y' };
    expect(baggageOf(extracted(own, big))).toBeUndefined();

    const context = propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage({ 'bad key': { value: 'v' }, good: { value: 'a b' } }));
    expect(injected(own, context)).toEqual({ 'uberctx-good': 'a%20b' });
    expect(injected(official, context)).toHaveProperty(['uberctx-bad key']);
  });

  it('an oversized uber-trace-id is not read', () => {
    const padded = `${'0'.repeat(MAX_UBER_TRACE_ID_CHARS)}${trace128}:${span}:0:1`;
    expect(trace.getSpanContext(extracted(own, { 'uber-trace-id': padded }))).toBeUndefined();
  });

  it('writes nothing for an invalid span context; the official propagator writes it', () => {
    const context = trace.setSpanContext(ROOT_CONTEXT, { traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 1 });
    expect(injected(own, context)).toEqual({});
    expect(injected(official, context)).toHaveProperty(['uber-trace-id']);
  });
});
