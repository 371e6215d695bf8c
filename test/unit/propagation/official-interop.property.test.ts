import { defaultTextMapGetter, defaultTextMapSetter, propagation, ROOT_CONTEXT, trace, type Context, type TextMapPropagator } from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BaggagePropagator } from '../../../src/propagation/w3c/baggage-propagator';
import { TraceContextPropagator } from '../../../src/propagation/w3c/trace-context-propagator';
import { encodedBaggageMember, rawBaggageMember, runs, traceparent00, traceparentFuture, traceState } from './header-arbitraries';

const ownTraceContext = new TraceContextPropagator();
const officialTraceContext = new W3CTraceContextPropagator();
const ownBaggage = new BaggagePropagator();
const officialBaggage = new W3CBaggagePropagator();

function extracted(propagator: TextMapPropagator, carrier: Record<string, string | string[]>): Context {
  return propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
}

/** The span context as plain data, the trace state as its serialisation (`''` when none). */
function spanContextOf(context: Context): unknown {
  const spanContext = trace.getSpanContext(context);
  if (spanContext === undefined) return undefined;
  const { traceId, spanId, traceFlags, isRemote, traceState: state } = spanContext;
  return { traceId, spanId, traceFlags, isRemote, traceState: state?.serialize() ?? '' };
}

function baggageOf(context: Context): unknown {
  return (propagation.getBaggage(context)?.getAllEntries() ?? [])
    .map(([key, entry]) => [key, entry.value, entry.metadata?.toString()])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

/** A tracestate within the 512 characters `@opentelemetry/core` keeps (longer ones: see the differences). */
const shortTraceState = traceState.filter(({ header }) => header.length <= 512);

describe('interop with the official W3C propagators of @opentelemetry/core', () => {
  it('extracts the same span context from valid traceparent and tracestate headers', () => {
    fc.assert(
      fc.property(fc.oneof(traceparent00, traceparentFuture), fc.option(shortTraceState, { nil: undefined }), (traceparent, state) => {
        const carrier: Record<string, string> = state === undefined ? { traceparent } : { traceparent, tracestate: state.header };
        const own = spanContextOf(extracted(ownTraceContext, carrier));
        expect(own).toBeDefined();
        expect(own).toEqual(spanContextOf(extracted(officialTraceContext, carrier)));
      }),
      runs(300),
    );
  });

  it('injects the same headers for span contexts with flags 00..0f', () => {
    fc.assert(
      fc.property(traceparent00.filter((header) => header[53] === '0'), fc.option(shortTraceState, { nil: undefined }), (traceparent, state) => {
        const context = extracted(ownTraceContext, state === undefined ? { traceparent } : { traceparent, tracestate: state.header });
        const own: Record<string, string> = {};
        const official: Record<string, string> = {};
        ownTraceContext.inject(context, own, defaultTextMapSetter);
        officialTraceContext.inject(context, official, defaultTextMapSetter);
        expect(own).toEqual(official);
      }),
      runs(200),
    );
  });

  it('extracts the same baggage from valid headers, split over several header values too', () => {
    // `__proto__` is left to the difference test below: core's record loses it.
    const member = fc.oneof(rawBaggageMember, encodedBaggageMember).filter((text) => !text.startsWith('__proto__='));
    fc.assert(
      fc.property(fc.array(fc.array(member, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3 }), (values) => {
        const headers = values.map((members) => members.join(','));
        const carrier = { baggage: headers.length === 1 ? (headers[0] as string) : headers };
        const own = baggageOf(extracted(ownBaggage, carrier));
        expect(own).not.toEqual([]);
        expect(own).toEqual(baggageOf(extracted(officialBaggage, carrier)));
      }),
      runs(300),
    );
  });

  it('stops at the same 180 members', () => {
    fc.assert(
      fc.property(fc.integer({ min: 150, max: 260 }), (count) => {
        const carrier = { baggage: Array.from({ length: count }, (_, index) => `k${index}=v${index}`).join(',') };
        const own = baggageOf(extracted(ownBaggage, carrier)) as unknown[];
        expect(own).toHaveLength(Math.min(count, 180));
        expect(own).toEqual(baggageOf(extracted(officialBaggage, carrier)));
      }),
      runs(30),
    );
  });
});

describe('spec-justified differences from @opentelemetry/core', () => {
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const stateOf = (propagator: TextMapPropagator, tracestate: string | string[]): string | undefined =>
    trace.getSpanContext(extracted(propagator, { traceparent, tracestate }))?.traceState?.serialize();

  it('tracestate with a malformed member or 33 members is dropped whole (the W3C test suite expects it), a duplicate key is inherited once; core keeps the valid part', () => {
    expect(stateOf(ownTraceContext, 'foo=1,BAR=2')).toBeUndefined();
    expect(stateOf(officialTraceContext, 'foo=1,BAR=2')).toBe('foo=1');
    expect(stateOf(ownTraceContext, 'foo=1,foo=2')).toBe('foo=1');
    expect(stateOf(officialTraceContext, 'foo=1,foo=2')).toContain('foo=');
    const thirtyThree = Array.from({ length: 33 }, (_, index) => `k${index}=${index}`).join(',');
    expect(stateOf(ownTraceContext, thirtyThree)).toBeUndefined();
    expect(stateOf(officialTraceContext, thirtyThree)?.split(',')).toHaveLength(32);
    // The traceparent survives either way.
    expect(trace.getSpanContext(extracted(ownTraceContext, { traceparent, tracestate: 'foo=1,foo=2' }))?.spanId).toBe('b7ad6b7169203331');
  });

  it('tracestate longer than 512 characters is kept (the spec sets 512 as a minimum); core drops members past 512', () => {
    const long = Array.from({ length: 8 }, (_, index) => `k${index}=${'v'.repeat(100)}`).join(',');
    expect(stateOf(ownTraceContext, long)).toBe(long);
    expect((stateOf(officialTraceContext, long) ?? '').length).toBeLessThanOrEqual(512);
  });

  it('several traceparent values are ignored as duplicated (W3C test suite); core takes the first', () => {
    const other = '00-12345678901234567890123456789012-1234567890123456-01';
    expect(trace.getSpanContext(extracted(ownTraceContext, { traceparent: [traceparent, other] }))).toBeUndefined();
    expect(trace.getSpanContext(extracted(officialTraceContext, { traceparent: [traceparent, other] }))?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it('flags of 0x10 and above are written as two hex digits; core writes three', () => {
    const context = extracted(ownTraceContext, { traceparent: traceparent.replace(/01$/, 'a3') });
    const own: Record<string, string> = {};
    const official: Record<string, string> = {};
    ownTraceContext.inject(context, own, defaultTextMapSetter);
    officialTraceContext.inject(context, official, defaultTextMapSetter);
    expect(own.traceparent).toBe(traceparent.replace(/01$/, 'a3'));
    expect(official.traceparent).toBe(traceparent.replace(/01$/, '0a3'));
  });

  it('baggage: invalid UTF-8 escapes become U+FFFD (W3C Baggage); core drops the member', () => {
    expect(baggageOf(extracted(ownBaggage, { baggage: 'a=%FF,b=2' }))).toEqual([['a', '\ufffd', undefined], ['b', '2', undefined]]);
    expect(baggageOf(extracted(officialBaggage, { baggage: 'a=%FF,b=2' }))).toEqual([['b', '2', undefined]]);
  });

  it('baggage: keys are tokens and stay as sent; core percent-decodes them', () => {
    expect(baggageOf(extracted(ownBaggage, { baggage: 'a%41=1' }))).toEqual([['a%41', '1', undefined]]);
    expect(baggageOf(extracted(officialBaggage, { baggage: 'a%41=1' }))).toEqual([['aA', '1', undefined]]);
  });

  it('baggage: an empty value is valid; core drops it', () => {
    expect(baggageOf(extracted(ownBaggage, { baggage: 'a=,b=2' }))).toEqual([['a', '', undefined], ['b', '2', undefined]]);
    expect(baggageOf(extracted(officialBaggage, { baggage: 'a=,b=2' }))).toEqual([['b', '2', undefined]]);
  });

  it('baggage: a value with a raw space is not a baggage-octet string and is skipped; core keeps it', () => {
    expect(baggageOf(extracted(ownBaggage, { baggage: 'a=x y,b=2' }))).toEqual([['b', '2', undefined]]);
    expect(baggageOf(extracted(officialBaggage, { baggage: 'a=x y,b=2' }))).toEqual([['a', 'x y', undefined], ['b', '2', undefined]]);
  });

  it('baggage: a `__proto__` key is an entry like any other; core assigns it into a plain object and loses it', () => {
    expect(baggageOf(extracted(ownBaggage, { baggage: '__proto__=1,b=2' }))).toEqual([['__proto__', '1', undefined], ['b', '2', undefined]]);
    expect(baggageOf(extracted(officialBaggage, { baggage: '__proto__=1,b=2' }))).toEqual([['b', '2', undefined]]);
  });

  it('baggage: white space around properties is trimmed (W3C Baggage); core keeps the raw text', () => {
    expect(baggageOf(extracted(ownBaggage, { baggage: 'a=1; p = v ;q' }))).toEqual([['a', '1', 'p=v;q']]);
    expect(baggageOf(extracted(officialBaggage, { baggage: 'a=1; p = v ;q' }))).toEqual([['a', '1', ' p = v ;q']]);
  });
});
