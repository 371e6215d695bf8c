import { INVALID_TRACEID, isSpanContextValid, type SpanContext } from '@opentelemetry/api';

/**
 * Marks span contexts built valid by this package. The API's check runs two regular expressions,
 * which costs more than the rest of an unsampled span, so contexts this package creates (fresh
 * random ids, or a validated parent's trace id) carry this mark and skip it. The key is shared
 * through the symbol registry because each entry point of the package is its own bundle.
 */
const VALID = Symbol.for('otel-bootstrap.span-context.valid');

type MarkedSpanContext = SpanContext & { [VALID]?: true };

/** A span context with the given fields, marked valid; the caller guarantees the ids are valid. */
export function validSpanContext(fields: SpanContext): SpanContext {
  return { traceId: fields.traceId, spanId: fields.spanId, traceFlags: fields.traceFlags, traceState: fields.traceState, isRemote: fields.isRemote, [VALID]: true } as MarkedSpanContext;
}

/** A local span context with these fields, marked valid, built in one object (the per-span path). */
export function newValidSpanContext(traceId: string, spanId: string, traceFlags: number, traceState: SpanContext['traceState']): SpanContext {
  return { traceId, spanId, traceFlags, traceState, isRemote: undefined, [VALID]: true } as MarkedSpanContext;
}

/** `isSpanContextValid` of the API, skipped for span contexts this package built valid. */
export function isValidSpanContext(spanContext: SpanContext): boolean {
  if ((spanContext as MarkedSpanContext)[VALID] === true) return true;
  // The invalid context of a no-op tracer is common enough to answer without the expressions.
  return spanContext.traceId !== INVALID_TRACEID && isSpanContextValid(spanContext);
}
