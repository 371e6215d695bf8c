import { defaultTextMapGetter, defaultTextMapSetter, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPropagator } from '../../../src/propagation/create-propagator';
import {
  b3Multi,
  b3Single,
  encodedBaggageMember,
  rawBaggageMember,
  runs,
  traceparent00,
  traceparentFuture,
  traceState,
  uberTraceId,
} from './header-arbitraries';

function roundTrip(names: Parameters<typeof createPropagator>[0], carrier: Record<string, string>): Record<string, string> {
  const propagator = createPropagator(names);
  const out: Record<string, string> = {};
  propagator.inject(propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter), out, defaultTextMapSetter);
  return out;
}

describe('valid headers round-trip through inject(extract(x))', () => {
  it('traceparent version 00 and tracestate come back unchanged', () => {
    fc.assert(
      fc.property(traceparent00, fc.option(traceState, { nil: undefined }), (traceparent, state) => {
        const carrier: Record<string, string> = state === undefined ? { traceparent } : { traceparent, tracestate: state.header };
        expect(roundTrip(['tracecontext'], carrier)).toEqual(carrier);
      }),
      runs(300),
    );
  });

  it('a later traceparent version comes back as version 00 with the same ids and flags', () => {
    fc.assert(
      fc.property(traceparentFuture, (traceparent) => {
        expect(roundTrip(['tracecontext'], { traceparent }).traceparent).toBe(`00-${traceparent.slice(3, 55)}`);
      }),
      runs(200),
    );
  });

  it('baggage of raw values comes back unchanged', () => {
    fc.assert(
      fc.property(fc.uniqueArray(rawBaggageMember, { minLength: 1, maxLength: 30, selector: (member) => member.split('=')[0] }), (members) => {
        const baggage = members.join(',');
        expect(roundTrip(['baggage'], { baggage })).toEqual({ baggage });
      }),
      runs(300),
    );
  });

  it('percent-encoded baggage comes back with the same entries', () => {
    fc.assert(
      fc.property(fc.array(encodedBaggageMember, { minLength: 1, maxLength: 20 }), (members) => {
        const propagator = createPropagator(['baggage']);
        const first = propagator.extract(ROOT_CONTEXT, { baggage: members.join(',') }, defaultTextMapGetter);
        const second = propagator.extract(ROOT_CONTEXT, roundTrip(['baggage'], { baggage: members.join(',') }), defaultTextMapGetter);
        const entries = (context: typeof first) =>
          (propagation.getBaggage(context)?.getAllEntries() ?? []).map(([key, entry]) => [key, entry.value, entry.metadata?.toString()]);
        expect(entries(second)).toEqual(entries(first));
        expect(entries(first).length).toBeGreaterThan(0);
      }),
      runs(300),
    );
  });

  it('uber-trace-id (Jaeger) comes back unchanged', () => {
    fc.assert(
      fc.property(uberTraceId, (header) => {
        expect(roundTrip(['jaeger'], { 'uber-trace-id': header })).toEqual({ 'uber-trace-id': header });
      }),
      runs(200),
    );
  });

  it('single-header b3 comes back unchanged', () => {
    fc.assert(
      fc.property(b3Single, (b3) => {
        expect(roundTrip(['b3'], { b3 })).toEqual({ b3 });
      }),
      runs(200),
    );
  });

  it('multi-header b3 comes back unchanged', () => {
    fc.assert(
      fc.property(b3Multi, (headers) => {
        expect(roundTrip(['b3multi'], headers)).toEqual(headers);
      }),
      runs(200),
    );
  });

  it('every format of one valid context names the same remote parent', () => {
    fc.assert(
      fc.property(traceparent00, (traceparent) => {
        const [, traceId, spanId, flags] = traceparent.split('-') as [string, string, string, string];
        const sampled = (Number.parseInt(flags, 16) & 1) === 1 ? '1' : '0';
        for (const [names, carrier] of [
          [['tracecontext'], { traceparent }],
          [['jaeger'], { 'uber-trace-id': `${traceId}:${spanId}:0:0${sampled}` }],
          [['b3'], { b3: `${traceId}-${spanId}-${sampled}` }],
        ] as const) {
          const spanContext = trace.getSpanContext(createPropagator(names).extract(ROOT_CONTEXT, carrier, defaultTextMapGetter));
          expect(spanContext).toMatchObject({ traceId, spanId, isRemote: true });
          expect((spanContext?.traceFlags ?? 0) & 1).toBe(Number(sampled));
        }
      }),
      runs(100),
    );
  });
});
