import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BAGGAGE_BYTES, cutBaggage } from '../../../src/propagation/carriers';
import { extract } from '../../../src/propagation/inject-extract';
import { createTestTracing, type TestTracing } from '../../../src/testing';

let tracing: TestTracing;

beforeAll(() => {
  tracing = createTestTracing({ propagators: ['tracecontext', 'baggage', 'jaeger', 'b3'] });
});

afterAll(async () => {
  await tracing.shutdown();
});

const VALID_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('malformed headers', () => {
  const malformed: Array<[string, Record<string, unknown>]> = [
    ['empty traceparent', { traceparent: '' }],
    ['garbage traceparent', { traceparent: 'not-a-trace' }],
    ['all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }],
    ['all-zero span id', { traceparent: `00-${VALID_TRACE_ID}-${'0'.repeat(16)}-01` }],
    ['version ff', { traceparent: `ff-${VALID_TRACE_ID}-00f067aa0ba902b7-01` }],
    ['non-hex ids', { traceparent: `00-${'z'.repeat(32)}-${'y'.repeat(16)}-01` }],
    ['jaeger with too few fields', { 'uber-trace-id': 'abc:def' }],
    ['jaeger with non-hex ids', { 'uber-trace-id': 'xyz:uvw:0:1' }],
    ['jaeger with zero ids', { 'uber-trace-id': '0:0:0:1' }],
    ['jaeger with a broken percent escape', { 'uber-trace-id': '%E0%A4%A:1:0:1', 'uberctx-a': '%E0%A4%A' }],
    ['b3 single garbage', { b3: '---' }],
    ['b3 multi garbage', { 'x-b3-traceid': 'nope', 'x-b3-spanid': 'nope', 'x-b3-sampled': 'maybe' }],
    ['object values', { traceparent: { toString: () => 'x' }, baggage: { a: 1 } }],
    ['null and undefined values', { traceparent: null, baggage: undefined, 'uber-trace-id': null }],
    ['invalid utf-8 bytes', { traceparent: Buffer.from([0xff, 0xfe, 0xfd]), baggage: Buffer.from([0xc3, 0x28]) }],
    ['an empty array', { traceparent: [] }],
  ];

  it.each(malformed)('%s: no valid span context, no throw', (_name, carrier) => {
    const context = extract(carrier);
    const spanContext = trace.getSpanContext(context);
    expect(spanContext === undefined || !trace.isSpanContextValid(spanContext)).toBe(true);
    expect(spanContext).toBeUndefined();
  });

  it('starts a new trace under a malformed parent', () => {
    const span = tracing.tracer().startSpan('handler', {}, extract({ traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }));
    span.end();
    expect(span.spanContext().traceId).not.toBe('0'.repeat(32));
    expect(trace.isSpanContextValid(span.spanContext())).toBe(true);
    expect(tracing.finishedSpans().at(-1)?.parentSpanContext).toBeUndefined();
  });

  it('returns the given context for carriers that are not objects', () => {
    for (const carrier of [undefined, null, 42, 'traceparent', [['traceparent', 'x']], true]) {
      expect(extract(carrier)).toBe(ROOT_CONTEXT);
    }
  });

  it('never throws for arbitrary carriers', () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(undefined),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    );
    const key = fc.oneof(fc.constantFrom('traceparent', 'tracestate', 'baggage', 'uber-trace-id', 'uberctx-k', 'b3', 'x-b3-traceid', 'x-b3-spanid', 'TraceParent'), fc.string());
    fc.assert(
      fc.property(fc.dictionary(key, value), (carrier) => {
        const spanContext = trace.getSpanContext(extract(carrier));
        return spanContext === undefined || trace.isSpanContextValid(spanContext);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws for a carrier whose getters throw', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
    expect(() => extract(hostile)).not.toThrow();
    expect(trace.getSpanContext(extract(hostile))).toBeUndefined();
  });
});

describe('oversized headers', () => {
  function members(count: number, valueLength: number): string[] {
    return Array.from({ length: count }, (_, index) => `k${index}=${'v'.repeat(valueLength)}`);
  }
  function entries(count: number, valueLength: number): string {
    return members(count, valueLength).join(',');
  }
  /** How many leading members fit in 8192 bytes with their separators. */
  function fitting(list: string[]): number {
    let used = -1;
    let count = 0;
    for (const member of list) {
      if (used + 1 + member.length > MAX_BAGGAGE_BYTES) break;
      used += 1 + member.length;
      count += 1;
    }
    return count;
  }

  it('cuts baggage over 8192 bytes at a member boundary', () => {
    const header = entries(100, 200); // about 20 KB
    const baggage = propagation.getBaggage(extract({ baggage: header }));
    const kept = baggage?.getAllEntries() ?? [];
    expect(kept.length).toBeGreaterThan(0);
    const bytes = kept.map(([key, entry]) => `${key}=${entry.value}`).join(',').length;
    expect(bytes).toBeLessThanOrEqual(MAX_BAGGAGE_BYTES);
    expect(kept.length).toBe(fitting(members(100, 200)));
    expect(kept.every(([, entry]) => entry.value.length === 200)).toBe(true);
  });

  it('cuts binary baggage too', () => {
    const baggage = propagation.getBaggage(extract({ baggage: Buffer.from(entries(100, 200)) }));
    expect(baggage?.getAllEntries().length).toBe(fitting(members(100, 200)));
  });

  it('keeps baggage of exactly 8192 bytes whole', () => {
    const header = `k=${'v'.repeat(MAX_BAGGAGE_BYTES - 2)}`;
    expect(cutBaggage(header)).toBe(header);
    expect(cutBaggage(`${header}x`)).toBe('');
  });

  it('shares the baggage budget with Jaeger uberctx-* headers', () => {
    const carrier: Record<string, string> = { baggage: entries(2, 3900) };
    for (let index = 0; index < 10; index += 1) carrier[`uberctx-extra${index}`] = 'x'.repeat(100);
    const kept = propagation.getBaggage(extract(carrier))?.getAllEntries() ?? [];
    const total = kept.reduce((sum, [key, entry]) => sum + key.length + entry.value.length, 0);
    expect(total).toBeLessThanOrEqual(MAX_BAGGAGE_BYTES);
    expect(kept.map(([key]) => key)).toEqual(expect.arrayContaining(['k0', 'k1', 'extra0']));
    expect(kept.length).toBeLessThan(12);
  });

  it('ignores a trace header over 8192 bytes while keeping valid ones', () => {
    const carrier = { traceparent: `00-${VALID_TRACE_ID}-00f067aa0ba902b7-01${' '.repeat(9000)}`, b3: `${VALID_TRACE_ID}-00f067aa0ba902b7-1` };
    expect(trace.getSpanContext(extract(carrier))?.traceId).toBe(VALID_TRACE_ID);
    expect(trace.getSpanContext(extract({ traceparent: carrier.traceparent }))).toBeUndefined();
  });

  it('handles a megabyte of binary header without decoding it all', () => {
    const huge = Buffer.alloc(1024 * 1024, 0x61);
    expect(() => extract({ traceparent: huge, baggage: huge, 'uberctx-x': huge })).not.toThrow();
    expect(trace.getSpanContext(extract({ traceparent: huge }))).toBeUndefined();
  });
});
