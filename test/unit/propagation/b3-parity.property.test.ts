import { defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, trace, TraceFlags, type Context, type TextMapPropagator } from '@opentelemetry/api';
import { B3InjectEncoding, B3Propagator as OfficialB3Propagator } from '@opentelemetry/propagator-b3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { B3_DEBUG_FLAG_KEY } from '../../../src/propagation/b3/b3-headers';
import { B3Propagator } from '../../../src/propagation/b3/b3-propagator';
import { runs, spanId, traceId } from './header-arbitraries';

const ownSingle = new B3Propagator('single');
const ownMulti = new B3Propagator('multi');
const officialSingle = new OfficialB3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER });
const officialMulti = new OfficialB3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER });

function extracted(propagator: TextMapPropagator, carrier: Record<string, string>): Context {
  return propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
}

function spanContextOf(context: Context): unknown {
  const spanContext = trace.getSpanContext(context);
  if (spanContext === undefined) return undefined;
  const { traceId: id, spanId: span, traceFlags, isRemote } = spanContext;
  return { traceId: id, spanId: span, traceFlags, isRemote, debug: context.getValue(B3_DEBUG_FLAG_KEY) };
}

function injected(propagator: TextMapPropagator, context: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, defaultTextMapSetter);
  return carrier;
}

const traceId64or128 = fc.oneof(traceId, traceId.map((id) => id.slice(16)).filter((id) => !/^0+$/.test(id)));
const samplingState = fc.constantFrom('0', '1', 'd', undefined);
const parentSpanId = fc.option(spanId, { nil: undefined });
const singleHeader = fc
  .tuple(traceId64or128, spanId, samplingState, parentSpanId)
  .map(([trace, span, state, parent]) => [trace, span, ...(state === undefined ? [] : [state]), ...(parent === undefined || state === undefined ? [] : [parent])].join('-'));
const multiHeaders = fc
  .tuple(traceId64or128, spanId, fc.constantFrom('0', '1', 'true', 'false', undefined), fc.constantFrom('1', undefined), parentSpanId)
  .map(([trace, span, sampled, flags, parent]) => {
    const headers: Record<string, string> = { 'x-b3-traceid': trace, 'x-b3-spanid': span };
    if (sampled !== undefined) headers['x-b3-sampled'] = sampled;
    if (flags !== undefined) headers['x-b3-flags'] = flags;
    if (parent !== undefined) headers['x-b3-parentspanid'] = parent;
    return headers;
  });

describe('B3 propagation, parity with @opentelemetry/propagator-b3', () => {
  it('extracts the same span context and debug flag from valid single headers', () => {
    fc.assert(
      fc.property(singleHeader, (b3) => {
        const own = spanContextOf(extracted(ownSingle, { b3 }));
        expect(own).toBeDefined();
        expect(own).toEqual(spanContextOf(extracted(officialSingle, { b3 })));
      }),
      runs(300),
    );
  });

  it('extracts the same span context from valid multiple headers', () => {
    fc.assert(
      fc.property(multiHeaders, (headers) => {
        const own = spanContextOf(extracted(ownMulti, headers)) as { debug?: unknown } | undefined;
        const official = spanContextOf(extracted(officialMulti, headers)) as { debug?: unknown } | undefined;
        expect(own).toBeDefined();
        expect({ ...own, debug: own?.debug ?? null }).toEqual({ ...official, debug: official?.debug ?? null });
      }),
      runs(300),
    );
  });

  it('injects the same headers for extracted contexts that are not debug', () => {
    fc.assert(
      fc.property(singleHeader.filter((b3) => !/-d(-|$)/.test(b3)), (b3) => {
        const context = extracted(ownSingle, { b3 });
        expect(injected(ownSingle, context)).toEqual(injected(officialSingle, context));
        expect(injected(ownMulti, context)).toEqual(injected(officialMulti, context));
      }),
      runs(300),
    );
  });

  it('reads either encoding whichever it writes, as the official propagator does', () => {
    const trace128 = '80f198ee56343ba864fe8b2a57d3eff7';
    const span = 'e457b5a2e4d86bd1';
    for (const propagator of [ownSingle, ownMulti]) {
      expect(trace.getSpanContext(extracted(propagator, { b3: `${trace128}-${span}-1` }))?.traceId).toBe(trace128);
      expect(trace.getSpanContext(extracted(propagator, { 'x-b3-traceid': trace128, 'x-b3-spanid': span }))?.traceFlags).toBe(TraceFlags.NONE);
    }
    expect(ownSingle.fields()).toEqual(officialSingle.fields());
    expect(ownMulti.fields()).toEqual(officialMulti.fields());
  });
});

describe('B3 propagation: differences from @opentelemetry/propagator-b3, each on the specification side', () => {
  const trace128 = '80f198ee56343ba864fe8b2a57d3eff7';
  const span = 'e457b5a2e4d86bd1';

  it('a single header must be the whole value; the official pattern also matches ids inside other text', () => {
    const b3 = `junk${trace128}-${span}-1`;
    expect(trace.getSpanContext(extracted(ownSingle, { b3 }))).toBeUndefined();
    expect(trace.getSpanContext(extracted(officialSingle, { b3 }))).toBeDefined();
  });

  it('multi-header ids are lower-case hex as the specification writes them; the official propagator accepts an upper-case trace id', () => {
    const upper = { 'x-b3-traceid': trace128.toUpperCase(), 'x-b3-spanid': span, 'x-b3-sampled': '1' };
    expect(trace.getSpanContext(extracted(ownMulti, upper))).toBeUndefined();
    expect(trace.getSpanContext(extracted(officialMulti, upper))?.traceId).toBe(trace128.toUpperCase());
    // Both reject ids of other lengths.
    const short = { 'x-b3-traceid': 'abc', 'x-b3-spanid': span, 'x-b3-sampled': '1' };
    expect(trace.getSpanContext(extracted(ownMulti, short))).toBeUndefined();
    expect(trace.getSpanContext(extracted(officialMulti, short))).toBeUndefined();
  });

  it('a debug decision survives a change of encoding; the official propagator turns it into a plain sampled one', () => {
    const fromSingle = extracted(ownSingle, { b3: `${trace128}-${span}-d` });
    expect(injected(ownMulti, fromSingle)).toEqual({ 'x-b3-traceid': trace128, 'x-b3-spanid': span, 'x-b3-flags': '1' });
    expect(injected(officialMulti, fromSingle)).toEqual({ 'x-b3-traceid': trace128, 'x-b3-spanid': span, 'x-b3-sampled': '1' });
    const fromMulti = extracted(ownMulti, { 'x-b3-traceid': trace128, 'x-b3-spanid': span, 'x-b3-flags': '1' });
    expect(injected(ownSingle, fromMulti)).toEqual({ b3: `${trace128}-${span}-d` });
    expect(injected(officialSingle, fromMulti)).toEqual({ b3: `${trace128}-${span}-1` });
  });
});
