import { defaultTextMapGetter, propagation, ROOT_CONTEXT, trace, type TextMapGetter, type TextMapPropagator } from '@opentelemetry/api';
import { B3Propagator, B3InjectEncoding } from '@opentelemetry/propagator-b3';
import { describe, expect, it } from 'vitest';
import { createBoundedGetter, MAX_EXTRACT_CHARS, MAX_HEADER_VALUE_CHARS, MAX_HEADER_VALUES } from '../../../src/propagation/bounded-getter';
import { CompositePropagator } from '../../../src/propagation/composite-propagator';
import { createPropagator } from '../../../src/propagation/create-propagator';
import { MAX_BAGGAGE_BYTES } from '../../../src/propagation/w3c/baggage-limits';
import { BaggagePropagator } from '../../../src/propagation/w3c/baggage-propagator';
import { TraceContextPropagator } from '../../../src/propagation/w3c/trace-context-propagator';

type Carrier = Record<string, string | string[]>;

/** Wraps a getter and counts the characters of every value it hands to a parser. */
function counting(getter: TextMapGetter<Carrier>): { getter: TextMapGetter<Carrier>; handed: () => number } {
  let handed = 0;
  return {
    handed: () => handed,
    getter: {
      keys: (carrier) => getter.keys(carrier),
      get: (carrier, key) => {
        const value = getter.get(carrier, key);
        for (const text of typeof value === 'string' ? [value] : (value ?? [])) handed += text.length;
        return value;
      },
    },
  };
}

/** A `baggage` value of exactly `length` characters made of short members. */
function baggageValue(length: number, prefix: string): string {
  const members: string[] = [];
  let used = -1;
  for (let index = 0; used + 12 <= length; index += 1) {
    const member = `${prefix}${String(index).padStart(4, '0')}=vvvvv`;
    members.push(member);
    used += member.length + 1;
  }
  const text = members.join(',');
  return text + 'x'.repeat(length - text.length);
}

function charsHanded(propagator: TextMapPropagator, carrier: Carrier): number {
  const counter = counting(createBoundedGetter(defaultTextMapGetter as TextMapGetter<Carrier>));
  propagator.extract(ROOT_CONTEXT, carrier, counter.getter);
  return counter.handed();
}

/** Records the characters a propagator is handed, to sit inside a composite. */
class RecordingPropagator implements TextMapPropagator {
  handed = 0;
  constructor(private readonly keys: readonly string[]) {}
  inject(): void {}
  extract(context: ReturnType<TextMapPropagator['extract']>, carrier: unknown, getter: TextMapGetter): typeof context {
    for (const key of this.keys) {
      const value: unknown = getter.get(carrier, key);
      for (const text of typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : []) this.handed += text.length;
    }
    return context;
  }
  fields(): string[] {
    return [...this.keys];
  }
}

describe('bounded work, proven by counting characters', () => {
  const oneHeader = baggageValue(8 * 1024, 'a');
  const hundredHeaders = Array.from({ length: 100 }, (_, index) => baggageValue(8 * 1024, `h${index}x`));

  it('100 baggage headers of 8 KB hand the baggage parser no more characters than one header', () => {
    const baggage = new BaggagePropagator();
    const one = charsHanded(baggage, { baggage: oneHeader });
    const hundred = charsHanded(baggage, { baggage: hundredHeaders });
    expect(one).toBe(8 * 1024);
    expect(hundred).toBeLessThanOrEqual(MAX_BAGGAGE_BYTES);
    expect(hundred).toBe(one);
    // The same through a header joined into one 800 KB string, as Node joins repeated headers.
    expect(charsHanded(baggage, { baggage: hundredHeaders.join(',') })).toBeLessThanOrEqual(MAX_BAGGAGE_BYTES);
  });

  it('the baggage parser reads members from the first 8192 characters only, however many values arrive', () => {
    const entries = propagation.getBaggage(new BaggagePropagator().extract(ROOT_CONTEXT, { baggage: hundredHeaders }, defaultTextMapGetter))?.getAllEntries() ?? [];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every(([key]) => key.startsWith('h0x'))).toBe(true);
  });

  it('a huge traceparent hands at most the cap (here nothing: a cut id would be a different id)', () => {
    const huge = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01${'0'.repeat(1_000_000)}`;
    const handed = charsHanded(new TraceContextPropagator(), { traceparent: huge });
    expect(handed).toBeLessThanOrEqual(MAX_HEADER_VALUE_CHARS);
    expect(handed).toBe(0);
  });

  it('a huge b3 header hands the official B3 propagator at most the cap per read', () => {
    const valid = `${'a'.repeat(32)}-${'b'.repeat(16)}-1`;
    const b3 = new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER });
    // B3Propagator reads `b3` once to choose the format and once to parse it.
    const reads = charsHanded(b3, { b3: valid }) / valid.length;
    expect(reads).toBe(2);
    expect(charsHanded(b3, { b3: `${valid},${'x'.repeat(1_000_000)}` })).toBeLessThanOrEqual(reads * MAX_HEADER_VALUE_CHARS);
    expect(charsHanded(b3, { b3: Array.from({ length: 1000 }, () => 'y'.repeat(8000)) })).toBeLessThanOrEqual(reads * MAX_HEADER_VALUE_CHARS);
    expect(charsHanded(b3, { b3: 'y'.repeat(1_000_000) })).toBe(0);
  });

  it('the composite hands every propagator bounded values: long values cut, long arrays shortened, one budget per extraction', () => {
    const recorder = new RecordingPropagator(['traceparent', 'baggage', 'b3', ...Array.from({ length: 20 }, (_, index) => `uberctx-${index}`)]);
    const composite = new CompositePropagator([recorder, new B3Propagator()]);
    const carrier: Carrier = {
      traceparent: 'z'.repeat(1_000_000),
      baggage: hundredHeaders,
      b3: Array.from({ length: 1000 }, () => 'a,'.repeat(5000)),
    };
    for (let index = 0; index < 20; index += 1) carrier[`uberctx-${index}`] = `v,${'w'.repeat(100_000)}`;
    const context = composite.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
    expect(trace.getSpanContext(context)).toBeUndefined();
    expect(recorder.handed).toBeLessThanOrEqual(MAX_EXTRACT_CHARS);
    expect(recorder.handed).toBeGreaterThan(0);
    const arrays: unknown = createBoundedGetter(defaultTextMapGetter).get(carrier, 'b3');
    expect(Array.isArray(arrays) && arrays.length <= MAX_HEADER_VALUES).toBe(true);
  });

  it('a valid header is passed through the bounded getter untouched', () => {
    const bounded = createBoundedGetter(defaultTextMapGetter);
    expect(bounded.get({ baggage: oneHeader }, 'baggage')).toBe(oneHeader);
    expect(bounded.get({ tracestate: ['a=1', 'b=2'] }, 'tracestate')).toEqual(['a=1', 'b=2']);
    expect(bounded.get({ baggage: `${'k=v,'.repeat(3000)}` }, 'baggage')).toMatch(/^(k=v,)*k=v$/);
  });
});

describe('extraction from a carrier without propagation headers', () => {
  it('returns the given context after reading only the propagators’ own fields, and extracts as before when one is there', () => {
    const propagator = createPropagator(['tracecontext', 'baggage', 'b3']);
    const read: string[] = [];
    let listed = 0;
    const getter = {
      get: (carrier: Record<string, string>, key: string) => {
        read.push(key);
        return carrier[key];
      },
      keys: (carrier: Record<string, string>) => {
        listed++;
        return Object.keys(carrier);
      },
    };
    const context = ROOT_CONTEXT.setValue(Symbol('marker'), 1);
    expect(propagator.extract(context, { host: 'example', accept: '*/*' }, getter)).toBe(context);
    expect([...new Set(read)].sort()).toEqual([...propagator.fields()].sort());
    expect(listed).toBe(0);
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(trace.getSpanContext(propagator.extract(context, { traceparent }, getter))?.spanId).toBe('b7ad6b7169203331');
  });

  it('still scans every header name when Jaeger baggage (uberctx-*) may be there', () => {
    const propagator = createPropagator(['tracecontext', 'jaeger']);
    const extracted = propagator.extract(ROOT_CONTEXT, { 'uberctx-tenant': 'acme' }, defaultTextMapGetter);
    expect(propagation.getBaggage(extracted)?.getEntry('tenant')?.value).toBe('acme');
  });
});
