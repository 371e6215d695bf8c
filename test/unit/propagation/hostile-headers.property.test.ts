import { defaultTextMapGetter, defaultTextMapSetter, isSpanContextValid, propagation, ROOT_CONTEXT, trace, type Context, type TextMapPropagator } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBoundedGetter, MAX_EXTRACT_CHARS, MAX_HEADER_KEYS } from '../../../src/propagation/bounded-getter';
import { createPropagator } from '../../../src/propagation/create-propagator';
import { MAX_BAGGAGE_BYTES, MAX_BAGGAGE_MEMBERS } from '../../../src/propagation/w3c/baggage-limits';
import { BaggagePropagator } from '../../../src/propagation/w3c/baggage-propagator';
import { TraceContextPropagator } from '../../../src/propagation/w3c/trace-context-propagator';
import {
  b3Multi,
  b3Single,
  headerValue,
  rawBaggageMember,
  runs,
  traceparent00,
  traceparentFuture,
  traceState,
  uberTraceId,
} from './header-arbitraries';

/** Longest serialised `tracestate`: 32 members of a 256-character key, `=` and a 256-character value. */
const MAX_TRACE_STATE_SERIALIZED = 32 * 513 + 31;

type Carrier = Record<string, string | string[]>;

/** A carrier with every propagation header holding arbitrary, near-valid or repeated values. */
const hostileCarrier: fc.Arbitrary<Carrier> = fc
  .record(
    {
      traceparent: headerValue(fc.oneof(traceparent00, traceparentFuture)),
      tracestate: headerValue(traceState.map(({ header }) => header)),
      baggage: headerValue(fc.array(rawBaggageMember, { minLength: 1, maxLength: 20 }).map((members) => members.join(','))),
      'uber-trace-id': headerValue(uberTraceId),
      'uberctx-tenant': headerValue(fc.string({ maxLength: 20 })),
      b3: headerValue(b3Single),
      'x-b3-traceid': headerValue(b3Multi.map((headers) => headers['x-b3-traceid'])),
      'x-b3-spanid': headerValue(b3Multi.map((headers) => headers['x-b3-spanid'])),
      'x-b3-sampled': headerValue(fc.constantFrom('0', '1', 'd', 'true')),
      'x-b3-flags': headerValue(fc.constantFrom('1', '0')),
    },
    { requiredKeys: [] },
  );

function checkSpanContext(context: Context): void {
  const spanContext = trace.getSpanContext(context);
  if (spanContext === undefined) return;
  expect(isSpanContextValid(spanContext)).toBe(true);
  expect(Number.isInteger(spanContext.traceFlags)).toBe(true);
  expect(spanContext.traceFlags).toBeGreaterThanOrEqual(0);
  expect(spanContext.traceFlags).toBeLessThanOrEqual(255);
  expect(spanContext.traceState?.serialize().length ?? 0).toBeLessThanOrEqual(MAX_TRACE_STATE_SERIALIZED);
}

function baggageSize(context: Context): { count: number; size: number } {
  const entries = propagation.getBaggage(context)?.getAllEntries() ?? [];
  const size = entries.reduce((sum, [key, entry]) => sum + key.length + entry.value.length + (entry.metadata?.toString().length ?? 0), 0);
  return { count: entries.length, size };
}

const composite = createPropagator(['tracecontext', 'baggage', 'jaeger', 'b3']);
const b3multi = createPropagator(['b3multi']);

describe('hostile headers: the package propagators through the bounded getter', () => {
  const own: Array<[string, TextMapPropagator]> = [
    ['trace context', new TraceContextPropagator()],
    ['baggage', new BaggagePropagator()],
  ];

  it.each(own)('%s: extract never throws and yields a valid span context or none', (_name, propagator) => {
    fc.assert(
      fc.property(hostileCarrier, (carrier) => {
        const context = propagator.extract(ROOT_CONTEXT, carrier, createBoundedGetter(defaultTextMapGetter));
        checkSpanContext(context);
        const { count, size } = baggageSize(context);
        expect(count).toBeLessThanOrEqual(MAX_BAGGAGE_MEMBERS);
        expect(size).toBeLessThanOrEqual(MAX_BAGGAGE_BYTES);
      }),
      runs(300),
    );
  });

  it.each(own)('%s: extract never throws even with the plain, unbounded getter', (_name, propagator) => {
    fc.assert(
      fc.property(hostileCarrier, (carrier) => {
        const context = propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
        checkSpanContext(context);
        const { count, size } = baggageSize(context);
        expect(count).toBeLessThanOrEqual(MAX_BAGGAGE_MEMBERS);
        expect(size).toBeLessThanOrEqual(MAX_BAGGAGE_BYTES);
      }),
      runs(200),
    );
  });
});

describe('hostile headers: the composite with the B3 and Jaeger propagators', () => {
  it('tracecontext,baggage,jaeger,b3: extract never throws, span context valid or absent, baggage bounded', () => {
    fc.assert(
      fc.property(hostileCarrier, (carrier) => {
        const context = composite.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
        checkSpanContext(context);
        // Jaeger adds one entry per `uberctx-*` key, each read through the shared extraction budget.
        const { count, size } = baggageSize(context);
        expect(count).toBeLessThanOrEqual(MAX_BAGGAGE_MEMBERS + MAX_HEADER_KEYS);
        expect(size).toBeLessThanOrEqual(MAX_BAGGAGE_BYTES + MAX_EXTRACT_CHARS);
      }),
      runs(300),
    );
  });

  it('b3multi: extract never throws, span context valid or absent', () => {
    fc.assert(
      fc.property(hostileCarrier, (carrier) => {
        checkSpanContext(b3multi.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter));
      }),
      runs(300),
    );
  });

  it('inject after a hostile extract writes only well-formed headers', () => {
    fc.assert(
      fc.property(hostileCarrier, (carrier) => {
        const out: Record<string, string> = {};
        composite.inject(composite.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter), out, defaultTextMapSetter);
        if (out.traceparent !== undefined) expect(out.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/);
        expect((out.tracestate ?? '').length).toBeLessThanOrEqual(MAX_TRACE_STATE_SERIALIZED);
        expect((out.baggage ?? '').length).toBeLessThanOrEqual(MAX_BAGGAGE_BYTES);
        expect(out.baggage ?? '').toMatch(/^[\x21-\x7e]*$/);
      }),
      runs(200),
    );
  });
});
