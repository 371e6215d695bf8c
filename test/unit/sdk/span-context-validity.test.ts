import { INVALID_SPAN_CONTEXT, ROOT_CONTEXT, TraceFlags, trace, type SpanContext } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { isValidSpanContext, validSpanContext } from '../../../src/context/span-context-validity';
import { TraceContextPropagator } from '../../../src/propagation/w3c/trace-context-propagator';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const isMarked = (spanContext: SpanContext | undefined): boolean =>
  spanContext !== undefined && Object.getOwnPropertySymbols(spanContext).includes(Symbol.for('otel-bootstrap.span-context.valid'));

describe('span context validity', () => {
  it('falls back to the API check for span contexts built elsewhere', () => {
    expect(isValidSpanContext({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED })).toBe(true);
    expect(isValidSpanContext(INVALID_SPAN_CONTEXT)).toBe(false);
    expect(isMarked(INVALID_SPAN_CONTEXT)).toBe(false);
    expect(isValidSpanContext({ traceId: 'not-hex', spanId: SPAN_ID, traceFlags: 0 })).toBe(false);
    expect(isValidSpanContext({ traceId: TRACE_ID.toUpperCase().replace(/./, 'Z'), spanId: SPAN_ID, traceFlags: 0 })).toBe(false);
  });

  it('marks contexts built valid without changing what they expose', () => {
    const built = validSpanContext({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.NONE, isRemote: true });
    expect(isMarked(built)).toBe(true);
    expect(isValidSpanContext(built)).toBe(true);
    expect(Object.keys(built).sort()).toEqual(['isRemote', 'spanId', 'traceFlags', 'traceId', 'traceState']);
    expect(JSON.parse(JSON.stringify(built))).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 0, isRemote: true });
  });

  it('extracted traceparent contexts are marked valid, rejected ones never reach the context', () => {
    const propagator = new TraceContextPropagator();
    const getter = { get: (carrier: Record<string, string>, key: string) => carrier[key], keys: (carrier: Record<string, string>) => Object.keys(carrier) };
    const good = trace.getSpanContext(propagator.extract(ROOT_CONTEXT, { traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` }, getter));
    expect(isMarked(good)).toBe(true);
    expect(good?.isRemote).toBe(true);
    const bad = trace.getSpanContext(propagator.extract(ROOT_CONTEXT, { traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` }, getter));
    expect(bad).toBeUndefined();
  });
});
