import type { Context, Span } from '@opentelemetry/api';
import { withValue } from './linked-context';

/** The key `trace.setSpan` stores the active span under; the API takes it from the symbol registry. */
const SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');

/** `trace.setSpan(context, span)` in constant time (see {@link withValue}). */
export function contextWithSpan(context: Context, span: Span): Context {
  return withValue(context, SPAN_KEY, span);
}
