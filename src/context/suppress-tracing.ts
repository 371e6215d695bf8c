import { withValue } from './linked-context';
import { createContextKey, type Context } from '@opentelemetry/api';

/**
 * The context key OpenTelemetry instrumentations check before tracing. `createContextKey` returns
 * `Symbol.for(description)`, so this is the very key `@opentelemetry/core` uses: contexts
 * suppressed here are suppressed for official instrumentations too, without loading that package.
 */
const SUPPRESS_TRACING_KEY = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

/** A context in which instrumentations record nothing (used for the exporters' own requests). */
export function suppressTracing(context: Context): Context {
  return withValue(context, SUPPRESS_TRACING_KEY, true);
}

/** Whether tracing is suppressed in `context`. */
export function isTracingSuppressed(context: Context): boolean {
  return context.getValue(SUPPRESS_TRACING_KEY) === true;
}
