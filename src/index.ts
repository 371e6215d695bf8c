/**
 * `otel-bootstrap`: production-grade OpenTelemetry tracing for a Node.js service in one line.
 * Importing this module does nothing; `init()` starts tracing.
 */
export { init, getTracingManager } from './init';
export { TracingManager, PROVIDER_ALREADY_REGISTERED_WARNING, startFailedWarning } from './manager';
export { resolveConfig, UNKNOWN_SERVICE_NAME } from './config/resolve';
export type { AppPackageInfo, ResolveResult } from './config/resolve';
export type { ConfigSource, ConfigSourceKind, ConfigSources } from './config/sources';
export { describeConfig, redactUrl, REDACTED } from './config/describe';
export type { ConfigSummary } from './config/describe';
export { PROFILE_PRESETS, DEFAULT_BATCH, DEFAULT_IGNORE_PATHS } from './config/profiles';
export type {
  BatchOptions,
  CaptureHeadersOptions,
  EnvironmentName,
  EnvironmentProfile,
  ExporterName,
  FileExporterOptions,
  JaegerRemoteOptions,
  JaegerThriftOptions,
  MetricsExporterName,
  OtlpMetricsOptions,
  OtlpOptions,
  PrometheusOptions,
  OtlpProtocol,
  PropagatorName,
  ResolvedConfig,
  ResolvedSampler,
  ResolvedSampling,
  SamplerName,
  TracingOptions,
  TrustedSamplingHeader,
} from './config/options';
export {
  LOG_PREFIX,
  REINIT_WARNING,
  invalidEnvWarning,
  unknownListEntryWarning,
  unknownEnvironmentWarning,
  missingServiceNameWarning,
  invalidResourceAttributeWarning,
  invalidHeaderWarning,
  shutdownDeadlineWarning,
} from './config/warnings';
export { invalidOptionMessage } from './config/errors';
export { ConsoleTreeExporter } from './export/console-tree-exporter';
export { formatTraceTree } from './export/format-trace-tree';
export { GRPC_MISSING_MESSAGE } from './export/otlp';
export { autoInstrumentationsMissingWarning, unknownInstrumentationWarning } from './instrumentation/create-instrumentations';
export { traceMethod, traced, withSpan, TRUNCATION_MARKER, DEFAULT_MAX_VALUE_LENGTH, DEFAULT_SECRET_KEY_PATTERN } from './decorators';
export type { TraceMethodDecorator, TraceMethodOptions, TracedOptions, ArgsMapper } from './decorators';
export { inject, extract } from './propagation/inject-extract';
export type { InjectOptions } from './propagation/inject-extract';
export { MAX_BAGGAGE_BYTES } from './propagation/carriers';
export type { HeaderMapLike, HeaderRecord, HeaderValue, PropagationCarrier } from './propagation/carriers';
export { setBaggage, getBaggage, withBaggage } from './propagation/baggage';
export type { BaggageInput } from './propagation/baggage';
export { tracedProduce, tracedConsume, MESSAGING_ATTRIBUTES } from './propagation/messaging';
export type { ConsumeOptions, MessagingOptions, ProduceOptions } from './propagation/messaging';
export { LeanSampler } from './sdk/samplers/lean-sampler';
export type { SamplingNote } from './sdk/samplers/lean-sampler';
export { ParentBasedSampler } from './sdk/samplers/parent-based';
export type { ParentBasedConfig } from './sdk/samplers/parent-based';
export { AlwaysOffSampler, AlwaysOnSampler } from './sdk/samplers/always';
export { TraceIdRatioSampler } from './sdk/samplers/trace-id-ratio';
export { SAMPLER_TYPE, SAMPLER_PARAM, SAMPLING_RULE, SAMPLING_FORCED, SAMPLING_DEBUG_ID, SAMPLING_PRIORITY } from './sdk/samplers/decision-attributes';
export { RateLimitingSampler } from './sampling/rate-limiting-sampler';
export { RuleSampler } from './sampling/rules/rule-sampler';
export type { SamplingRule, RuleSpanKind } from './sampling/rules/sampling-rule';
export { ForcedSampler } from './sampling/forced-sampler';
export { JaegerRemoteSampler, remoteSamplingFailedWarning, remoteSamplingRecoveredMessage } from './sampling/jaeger-remote/jaeger-remote-sampler';
export type { JaegerRemoteSamplerOptions } from './sampling/jaeger-remote/jaeger-remote-sampler';
export type { SamplingStrategy } from './sampling/jaeger-remote/strategy';
export type { Clock } from './sampling/token-bucket';
export { invalidSamplingRuleWarning, samplingRulesNotJsonWarning, missingSamplerArgWarning } from './config/sampling-config';
export { recordSpan, RECORD_SPAN_TRACER_NAME, MAX_FUTURE_SKEW_MILLIS } from './record-span/record-span';
export type { RecordSpanInput, RecordedEvent, RecordedLink, SpanKindName } from './record-span/record-span';
export type { RecordedTime } from './record-span/span-time';
export { currentTraceIds } from './logs/trace-ids';
export type { TraceIds } from './logs/trace-ids';
export type { MetricsRequestHandler } from './metrics/prometheus/metrics-handler';
export { seriesLimitWarning, prometheusListenWarning, OVERFLOW_ATTRIBUTE } from './metrics/warnings';
export { metricsExportFailedWarning } from './metrics/otlp/otlp-metrics-reader';
