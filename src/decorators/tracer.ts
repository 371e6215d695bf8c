import { ProxyTracerProvider, trace, type Tracer, type TracerProvider } from '@opentelemetry/api';

/** Instrumentation scope of the spans made by `traceMethod`, `traced` and `withSpan`. */
export const DECORATOR_TRACER_NAME = 'otel-bootstrap';

/** Where the API (major version 1) keeps what was registered globally. */
const API_REGISTRY = Symbol.for('opentelemetry.js.api.1');

type ApiRegistry = typeof globalThis & { [API_REGISTRY]?: { trace?: TracerProvider } };

let cachedRegistered: TracerProvider | undefined;
let cachedProvider: TracerProvider | undefined;
let cachedTracer: Tracer | undefined;

/**
 * The tracer used by the decorators, fetched on first use and cached per registered provider.
 *
 * The global provider is a proxy whose delegate is set when a provider is registered, and
 * `trace.disable()` replaces the proxy itself, so the cache is keyed on the provider actually in
 * force. Taking the tracer from that provider, not through the proxy, saves a forwarding call per
 * span, and a provider swapped later (as tests do) is still followed.
 *
 * While the same registered proxy stays in the API's registry, its delegate cannot change, so the
 * cached tracer is returned after one property read instead of the API's lookup and version check.
 */
export function decoratorTracer(): Tracer {
  const registered = (globalThis as ApiRegistry)[API_REGISTRY]?.trace;
  if (registered !== undefined && registered === cachedRegistered && cachedTracer !== undefined) return cachedTracer;
  const global = trace.getTracerProvider();
  const provider = global instanceof ProxyTracerProvider ? global.getDelegate() : global;
  if (provider !== cachedProvider || cachedTracer === undefined) {
    cachedProvider = provider;
    cachedTracer = provider.getTracer(DECORATOR_TRACER_NAME);
  }
  cachedRegistered = registered;
  return cachedTracer;
}
