import { ProxyTracerProvider, trace, type Tracer, type TracerProvider } from '@opentelemetry/api';

/** Instrumentation scope of the spans made by `traceMethod`, `traced` and `withSpan`. */
export const DECORATOR_TRACER_NAME = 'otel-bootstrap';

let cachedProvider: TracerProvider | undefined;
let cachedTracer: Tracer | undefined;

/**
 * The tracer used by the decorators, fetched on first use and cached per registered provider.
 *
 * The global provider is a proxy whose delegate changes when a provider is registered, and
 * `trace.disable()` replaces the proxy itself, so the cache is keyed on the provider actually in
 * force. Taking the tracer from that provider, not through the proxy, saves a forwarding call per
 * span, and a provider swapped later (as tests do) is still followed.
 */
export function decoratorTracer(): Tracer {
  const global = trace.getTracerProvider();
  const provider = global instanceof ProxyTracerProvider ? global.getDelegate() : global;
  if (provider !== cachedProvider || cachedTracer === undefined) {
    cachedProvider = provider;
    cachedTracer = provider.getTracer(DECORATOR_TRACER_NAME);
  }
  return cachedTracer;
}
