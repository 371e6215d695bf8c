import { createContextKey } from '@opentelemetry/api';

/** The single B3 header: `{trace id}-{span id}[-{sampling state}][-{parent span id}]`. */
export const B3_SINGLE_HEADER = 'b3';
export const X_B3_TRACE_ID = 'x-b3-traceid';
export const X_B3_SPAN_ID = 'x-b3-spanid';
export const X_B3_SAMPLED = 'x-b3-sampled';
export const X_B3_PARENT_SPAN_ID = 'x-b3-parentspanid';
export const X_B3_FLAGS = 'x-b3-flags';

/**
 * Where an extracted B3 debug decision is kept, so that injection passes it on. `createContextKey`
 * returns `Symbol.for(description)`, so this is the key `@opentelemetry/propagator-b3` uses too:
 * either package's propagator reads what the other extracted.
 */
export const B3_DEBUG_FLAG_KEY = createContextKey('OpenTelemetry Context Key B3 Debug Flag');

/** A 64-bit B3 trace id becomes the 128-bit OpenTelemetry id by left-padding with zeros. */
export function toTraceId128(traceId: string): string {
  return traceId.length === 32 ? traceId : `0000000000000000${traceId}`;
}
