/**
 * `otel-bootstrap/opentracing`: OpenTracing-instrumented code on this package's OpenTelemetry
 * tracing, and jaeger-client configuration as `init()` options. Importing it does nothing; the
 * optional `opentracing` package is loaded by {@link createOpenTracingTracer} only.
 */
export { createOpenTracingTracer, DEFAULT_BRIDGE_PROPAGATORS, OPENTRACING_TRACER_NAME } from './create-tracer';
export type { OpenTracingBridgeOptions, BridgePropagatorName } from './create-tracer';
export type { BridgeTracer } from './bridge-classes';
export { REF_TYPE_ATTRIBUTE } from './bridge-classes';
export { MAX_BINARY_CARRIER_BYTES } from './binary-carrier';
export { fromJaegerClientConfig } from './from-jaeger-client-config';
export type { JaegerClientConfig, JaegerClientOptions, JaegerClientReporterConfig, JaegerClientSamplerConfig } from './from-jaeger-client-config';
