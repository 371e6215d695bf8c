import type { Attributes, DiagLogLevel } from '@opentelemetry/api';
import type { Instrumentation } from '../sdk/sdk-types';
import type { Sampler, SpanExporter, SpanProcessor } from '../sdk/sdk-types';
import type { SamplingRule } from '../sampling/rules/sampling-rule';

/** The behaviour presets. */
export type EnvironmentProfile = 'production' | 'staging' | 'development' | 'test';

/**
 * Names accepted for a profile, in `environment` and in `NODE_ENV` alike (case-insensitive):
 * the profiles and the abbreviations `prod`, `stage`, `dev`, `local` and `testing`.
 */
export type EnvironmentName = EnvironmentProfile | 'prod' | 'stage' | 'dev' | 'local' | 'testing';

/** Built-in exporters. */
export type ExporterName = 'otlp' | 'jaeger' | 'console' | 'memory' | 'file' | 'none';

/** OTLP transports. `grpc` needs the optional `@opentelemetry/exporter-trace-otlp-grpc` package. */
export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';

/** Propagators accepted by `OTEL_PROPAGATORS` and `propagators`. */
export type PropagatorName = 'tracecontext' | 'baggage' | 'b3' | 'b3multi' | 'jaeger' | 'none';

/** Samplers accepted by `OTEL_TRACES_SAMPLER` and `sampler`. */
export type SamplerName =
  | 'always_on'
  | 'always_off'
  | 'traceidratio'
  | 'parentbased_always_on'
  | 'parentbased_always_off'
  | 'parentbased_traceidratio'
  | 'parentbased_ratelimiting'
  | 'jaeger_remote'
  | 'parentbased_jaeger_remote';

/** Where Jaeger remote sampling asks for its strategy (the names the OpenTelemetry specification gives). */
export interface JaegerRemoteOptions {
  /** The sampling endpoint. Default `http://localhost:5778/sampling`. */
  endpoint?: string;
  /** Milliseconds between two polls. Default 60000. */
  pollingIntervalMs?: number;
  /** Ratio used until a first strategy arrives. Default: the profile's own sampler. */
  initialSamplingRate?: number;
}

/** Instrumentations this package wires itself. Any other name is taken from the full set. */
export type CoreInstrumentationName = 'http' | 'express' | 'undici';

/** Where metrics go: a Prometheus endpoint, OTLP push, or nowhere (nothing is recorded then). */
export type MetricsExporterName = 'prometheus' | 'otlp' | 'none';

/** The Prometheus endpoint. */
export interface PrometheusOptions {
  /** Address the endpoint listens on. Default `127.0.0.1`. */
  host?: string;
  /** Its port (0: any free port); `false` serves no port of its own, for `metricsHandler()` on the app's server. Default 9464. */
  port?: number | false;
}

/** OTLP metrics push. */
export interface OtlpMetricsOptions {
  /** Full metrics URL, or a base URL to which `/v1/metrics` is added. */
  endpoint?: string;
  protocol?: 'http/protobuf' | 'http/json';
  headers?: Record<string, string>;
  /** Longest time one push may take, retries included, in ms. Default 10000. */
  timeoutMillis?: number;
  /** Time between pushes, in ms. Default 60000. */
  exportIntervalMillis?: number;
  /** `cumulative` (default), `delta`, or `lowmemory` (delta for counters and histograms). */
  temporality?: 'cumulative' | 'delta' | 'lowmemory';
}

/** Tuning of the batch span processor. */
export interface BatchOptions {
  /** Spans kept waiting for export; more are dropped. Default 2048. */
  maxQueueSize?: number;
  /** Milliseconds between two exports. Default 5000. */
  scheduledDelayMillis?: number;
  /** Milliseconds one export may take. Default 30000. */
  exportTimeoutMillis?: number;
  /** Spans in one export. Default 512, never more than `maxQueueSize`. */
  maxExportBatchSize?: number;
}

/** Where and how OTLP export goes. */
export interface OtlpOptions {
  /** Full traces URL (`http://127.0.0.1:4318/v1/traces`) or a base URL to which `/v1/traces` is added. */
  endpoint?: string;
  protocol?: OtlpProtocol;
  headers?: Record<string, string>;
  timeoutMillis?: number;
}

/** Where the legacy Jaeger Thrift exporter sends. Set `endpoint` for a collector, else the agent is used. */
export interface JaegerThriftOptions {
  agentHost?: string;
  agentPort?: number;
  endpoint?: string;
  username?: string;
  password?: string;
}

/** Where the `file` exporter writes OTLP/JSON lines, and how large its files grow. */
export interface FileExporterOptions {
  /** The file, relative to the working directory at start. Default `otel-traces.jsonl`. */
  path?: string;
  /** Bytes a file may reach before it is rotated. Default 104857600 (100 MiB). */
  maxBytes?: number;
  /** Rotated files kept beside the current one (`<path>.1` is the newest). Default 3; 0 keeps none. */
  maxFiles?: number;
}

/** Headers recorded as span attributes, by name (case-insensitive). Default: none. */
export interface CaptureHeadersOptions {
  /** Request headers, recorded as `http.request.header.<lowercased name>` string arrays. */
  request?: readonly string[];
  /** Response headers, recorded as `http.response.header.<lowercased name>` string arrays. */
  response?: readonly string[];
}

/** Options of {@link init}. Every field is optional; explicit values win over the environment. */
export interface TracingOptions {
  /** `service.name`. Default: `OTEL_SERVICE_NAME`, else the application's package.json name. */
  serviceName?: string;
  /** `service.version`. Default: the application's package.json version. */
  serviceVersion?: string;
  /**
   * Profile, by name or abbreviation (`prod`, `stage`, `dev`, `local`, `testing`; any case); default
   * from `OTEL_RESOURCE_ATTRIBUTES` `deployment.environment.name`, else `NODE_ENV`, else `development`.
   */
  environment?: EnvironmentName | Uppercase<EnvironmentName> | Capitalize<EnvironmentName>;
  /** `false` turns tracing off entirely (as `OTEL_SDK_DISABLED=true` does). */
  enabled?: boolean;
  /** A sampler name or instance. Default: the profile's (ParentBased ratio or always on). */
  sampler?: SamplerName | Sampler;
  /** Ratio for ratio-based samplers, 0..1. */
  samplingRatio?: number;
  /** Traces per second for `parentbased_ratelimiting` (required with it). */
  tracesPerSecond?: number;
  /** Settings of the `jaeger_remote` sampler. */
  jaegerRemote?: JaegerRemoteOptions;
  /**
   * Ordered sampling rules for root spans; the first that matches decides, and spans no rule
   * matches use the sampler above. Env `OTEL_BOOTSTRAP_SAMPLING_RULES` (a JSON array).
   */
  samplingRules?: readonly SamplingRule[];
  /**
   * Route templates (`/users/:id`) matched against the path of an incoming request before its
   * sampling decision, so rules and per-operation strategies see `http.route`. The `route`
   * templates of the rules are always matched. Env `OTEL_BOOTSTRAP_SAMPLING_ROUTES`.
   */
  samplingRoutes?: readonly string[];
  /**
   * Request headers that force a trace to be sampled and marked (`sampling.forced`), as `name` or
   * `name=value`; `[]` turns forcing off. Subject to `trustRemoteSampling`. Default
   * `jaeger-debug-id` and `x-debug-trace=1`. Env `OTEL_BOOTSTRAP_DEBUG_HEADERS`.
   */
  debugHeaders?: readonly string[];
  /**
   * Send every span to a nearby collector tier that samples at the tail: samples everything and
   * tunes the batch for a short hop. Env `OTEL_BOOTSTRAP_TAIL_SAMPLING`.
   */
  tailSampling?: boolean;
  /** One exporter or several: names or `SpanExporter` instances. */
  exporter?: ExporterName | SpanExporter | ReadonlyArray<ExporterName | SpanExporter>;
  otlp?: OtlpOptions;
  jaeger?: JaegerThriftOptions;
  /** The `file` exporter's path and size limits. */
  file?: FileExporterOptions;
  batch?: BatchOptions;
  /** `batch` or `simple` for every exporter. Default: batch for network exporters, simple for console and memory. */
  processor?: 'batch' | 'simple';
  /** Extra span processors added after the exporting ones. */
  spanProcessors?: readonly SpanProcessor[];
  propagators?: readonly PropagatorName[];
  /** Added to the resource; wins over `OTEL_RESOURCE_ATTRIBUTES`. */
  resourceAttributes?: Attributes;
  /**
   * `default` (http, express, undici/fetch), `all` (every instrumentation of
   * `@opentelemetry/auto-instrumentations-node`), `none`, or a list that mixes names and
   * instrumentation objects. Objects are added to the named instrumentations; a list of objects
   * only keeps the defaults, unless it also holds `none` (`['none', new FsInstrumentation()]`).
   */
  instrumentations?: 'default' | 'all' | 'none' | ReadonlyArray<string | Instrumentation>;
  /** Incoming paths never traced. Default `/health`, `/healthz`, `/ready`, `/livez`, `/metrics`. */
  ignorePaths?: ReadonlyArray<string | RegExp>;
  /** Trace every Express middleware and router layer, not only route handlers. Default false. */
  expressMiddlewareSpans?: boolean;
  /**
   * HTTP/Express tracing: `lean` (Node's diagnostics channels, no per-request patching) or `official`
   * (`@opentelemetry/instrumentation-http` and `-express`). Env `OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION`.
   */
  httpInstrumentation?: 'lean' | 'official';
  /**
   * Whether an inbound request's trace context may choose the sampling decision and parent of the
   * server span. `false` (for public entry points): the server span starts a new trace sampled by
   * the local root sampler and links to the caller's span context. Needs the lean HTTP
   * instrumentation. Default true. Env `OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING`.
   */
  trustRemoteSampling?: boolean;
  /**
   * Headers that make an inbound request trusted even when `trustRemoteSampling` is false:
   * `name` (present) or `name=value` (exact value). Env `OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS`.
   */
  trustedSamplingHeaders?: readonly string[];
  /**
   * Query keys whose values are replaced by `REDACTED` in `url.query` and `url.full`, in addition to
   * the signed-URL keys the semantic conventions list. Env `OTEL_BOOTSTRAP_REDACT_QUERY_PARAMS`.
   */
  redactQueryParams?: readonly string[];
  /**
   * Headers recorded on HTTP server and client spans; nothing is recorded by default. Env
   * `OTEL_BOOTSTRAP_CAPTURE_REQUEST_HEADERS` / `OTEL_BOOTSTRAP_CAPTURE_RESPONSE_HEADERS`.
   */
  captureHeaders?: CaptureHeadersOptions;
  /** Flush on SIGTERM/SIGINT then end as Node would; `false` leaves signals alone. Default true. */
  shutdownSignals?: boolean;
  /** Longest time shutdown may take, in ms. Default 5000. */
  shutdownTimeoutMillis?: number;
  /** Flush buffered spans when the event loop empties. Default true. */
  flushOnBeforeExit?: boolean;
  /** Diagnostic log level. Default `OTEL_LOG_LEVEL`, else warn. */
  logLevel?: 'none' | 'error' | 'warn' | 'info' | 'debug' | 'verbose' | 'all';
  /**
   * Where HTTP RED, tracer and runtime metrics go: `prometheus`, `otlp`, `none`, or a list. Default:
   * the profile's (`prometheus` in production and staging, `none` in development and test). Env `OTEL_METRICS_EXPORTER`.
   */
  metricsExporter?: MetricsExporterName | readonly MetricsExporterName[];
  /** The Prometheus endpoint. Env `OTEL_EXPORTER_PROMETHEUS_HOST` / `OTEL_EXPORTER_PROMETHEUS_PORT`. */
  prometheus?: PrometheusOptions;
  /** OTLP metrics push. Env `OTEL_EXPORTER_OTLP_METRICS_*`, `OTEL_METRIC_EXPORT_INTERVAL`. */
  otlpMetrics?: OtlpMetricsOptions;
  /** Event loop, GC, heap and RSS metrics beside the HTTP ones. Default true. Env `OTEL_BOOTSTRAP_RUNTIME_METRICS`. */
  runtimeMetrics?: boolean;
  /** Series kept per metric; further attribute sets share one overflow series. Default 2000. Env `OTEL_BOOTSTRAP_METRICS_SERIES_LIMIT`. */
  metricsSeriesLimit?: number;
  /** `trace_id`, `span_id` and `trace_flags` in pino, winston and bunyan records. Default true. Env `OTEL_BOOTSTRAP_LOG_CORRELATION`. */
  logCorrelation?: boolean;
}

/** The resolved metrics settings. */
export interface MetricsConfig {
  /** Empty when metrics are off. */
  exporters: Array<Exclude<MetricsExporterName, 'none'>>;
  prometheus: { host: string; port: number | false };
  otlp: { url: string; protocol: 'http/protobuf' | 'http/json'; headers: Record<string, string>; timeoutMillis: number; intervalMillis: number; temporality: 'cumulative' | 'delta' | 'lowmemory' };
  runtime: boolean;
  seriesLimit: number;
}

/** A span exporter as configured: a built-in name or the caller's instance. */
export type ExporterChoice = ExporterName | SpanExporter;

/** Span attribute limits, from the standard `OTEL_*_LIMIT` variables. */
export interface SpanLimitsConfig {
  attributeCountLimit?: number;
  attributeValueLengthLimit?: number;
  eventCountLimit?: number;
  linkCountLimit?: number;
}

/** One entry of the trusted sampling headers allowlist: the header's presence, or its exact value. */
export interface TrustedSamplingHeader {
  /** Lower-cased header name. */
  name: string;
  /** When set, the header must have exactly this value. */
  value?: string;
}

/** A named sampler and its arguments, or the caller's own sampler. */
export type ResolvedSampler =
  | {
      name: SamplerName;
      /** Ratio of ratio samplers; for `jaeger_remote` the profile's ratio, used until a strategy arrives. */
      ratio: number;
      /** For `parentbased_ratelimiting`. */
      tracesPerSecond?: number;
      /** For `jaeger_remote`; `initial` is the profile's sampler unless an initial rate was given. */
      jaegerRemote?: { endpoint: string; pollingIntervalMs: number; initial: { name: SamplerName; ratio: number } };
    }
  | { instance: Sampler };

/** What decides around the named sampler. */
export interface ResolvedSampling {
  rules: SamplingRule[];
  /** Route templates matched before the decision, the rules' own included. */
  routes: string[];
  /** Headers that force sampling; names lower-cased. */
  debugHeaders: TrustedSamplingHeader[];
}

/** The configuration after options, environment and profile are merged. */
export interface ResolvedConfig {
  enabled: boolean;
  profile: EnvironmentProfile;
  serviceName: string;
  serviceVersion: string | undefined;
  resourceAttributes: Attributes;
  sampler: ResolvedSampler;
  /** Rules, route templates and debug headers; applied around a named sampler. */
  sampling: ResolvedSampling;
  /** Whether the service side is set up for a tail-sampling collector tier. */
  tailSampling: boolean;
  exporters: ExporterChoice[];
  processor: 'batch' | 'simple' | 'auto';
  spanProcessors: SpanProcessor[];
  batch: Required<BatchOptions>;
  otlp: { url: string; protocol: OtlpProtocol; headers: Record<string, string>; timeoutMillis: number };
  jaeger: JaegerThriftOptions & { agentHost: string; agentPort: number };
  file: Required<FileExporterOptions>;
  propagators: PropagatorName[];
  instrumentations: { enabled: string[]; disabled: string[]; objects: Instrumentation[] };
  ignorePaths: Array<string | RegExp>;
  expressMiddlewareSpans: boolean;
  /** Which HTTP/Express instrumentation the `http` and `express` names build. */
  httpInstrumentation: 'lean' | 'official';
  /** Whether inbound trace context may decide sampling and parent (see {@link TracingOptions.trustRemoteSampling}). */
  trustRemoteSampling: boolean;
  /** Headers that make an inbound request trusted; names lower-cased. */
  trustedSamplingHeaders: TrustedSamplingHeader[];
  /** Query keys redacted in addition to the semantic conventions' list, which always applies. */
  redactQueryParams: string[];
  /** Lower-cased names of the headers recorded on HTTP spans. */
  captureHeaders: { request: string[]; response: string[] };
  shutdownSignals: boolean;
  shutdownTimeoutMillis: number;
  flushOnBeforeExit: boolean;
  logLevel: DiagLogLevel;
  spanLimits: SpanLimitsConfig;
  /** Whether the console exporter prints every attribute and event (`OTEL_BOOTSTRAP_CONSOLE_VERBOSE`). */
  consoleVerbose: boolean;
  metrics: MetricsConfig;
  logCorrelation: boolean;
}
