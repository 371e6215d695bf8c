import { trace, type Tracer, type TracerProvider } from '@opentelemetry/api';

/** Instrumentation scope of the spans made by `traceMethod`, `traced` and `withSpan`. */
export const DECORATOR_TRACER_NAME = 'otel-bootstrap';

let cachedProvider: TracerProvider | undefined;
let cachedTracer: Tracer | undefined;

/**
 * The tracer used by the decorators, fetched on first use and cached per global provider.
 *
 * A tracer from the global proxy provider follows a provider registered later, but it keeps the
 * first real tracer it found, and `trace.disable()` replaces the proxy provider itself. Keying the
 * cache on `trace.getTracerProvider()` lets spans follow a provider that is swapped (as tests do).
 */
export function decoratorTracer(): Tracer {
  const provider = trace.getTracerProvider();
  if (provider !== cachedProvider || cachedTracer === undefined) {
    cachedProvider = provider;
    cachedTracer = provider.getTracer(DECORATOR_TRACER_NAME);
  }
  return cachedTracer;
}
