/**
 * Where each resolved value came from: a code option, an environment variable, the profile, a
 * preset another option turned on (tail sampling), the application's package.json, or the
 * package's default. Kept beside `resolveConfig` (which
 * records which variables it accepted) so `otel-bootstrap doctor` can show the origin of every
 * value without changing what resolving returns.
 */
import type { Attributes } from '@opentelemetry/api';
import type { EnvironmentProfile, TracingOptions } from './options';
import { profileFromName } from './profiles';

/**
 * Kinds of source. The list is open: other readers (for example of legacy variables) add their
 * own kind rather than passing as `env`.
 */
export type ConfigSourceKind = 'code' | 'env' | 'profile' | 'preset' | 'package.json' | 'default' | (string & Record<never, never>);

/** One origin of a value: the option path, the variable or the profile it came from. */
export interface ConfigSource {
  kind: ConfigSourceKind;
  /** `otlp.endpoint`, `OTEL_EXPORTER_OTLP_ENDPOINT`, `production`; absent for defaults. */
  name?: string;
}

/**
 * Sources by the key of the value in the configuration summary (`serviceName`,
 * `otlp.url`, `batch.maxQueueSize`, ...). Merged values (headers, lists) may have several.
 */
export type ConfigSources = Record<string, ConfigSource[]>;

/** What the source rules look at. */
export interface SourceContext {
  options: TracingOptions;
  /** Variables resolving accepted (see `EnvReader.used`). */
  usedEnv: ReadonlySet<string>;
  envResource: Attributes;
  appPackage: { name?: string; version?: string };
  profile: EnvironmentProfile;
  /** Whether the tail-sampling preset (sampling everything, batches for a nearby collector) is on. */
  tailSampling: boolean;
}

const code = (name: string): ConfigSource => ({ kind: 'code', name });
const env = (name: string): ConfigSource => ({ kind: 'env', name });
const DEFAULT: ConfigSource = { kind: 'default' };
const TAIL_PRESET: ConfigSource = { kind: 'preset', name: 'tailSampling' };

/** The option at a dotted path of the code options, if given. */
function option(options: TracingOptions, path: string): unknown {
  let value: unknown = options;
  for (const part of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** The usual precedence: the code option, else the first accepted variable, else `fallback`. */
function first(context: SourceContext, optionPath: string | undefined, variables: readonly string[], fallback: ConfigSource = DEFAULT): ConfigSource[] {
  if (optionPath !== undefined && option(context.options, optionPath) !== undefined) return [code(optionPath)];
  const variable = variables.find((name) => context.usedEnv.has(name));
  return [variable === undefined ? fallback : env(variable)];
}

/** Every source that contributed to a merged value, lowest precedence first. */
function merged(context: SourceContext, variables: readonly string[], optionPath: string): ConfigSource[] {
  const sources = variables.filter((name) => context.usedEnv.has(name)).map(env);
  if (option(context.options, optionPath) !== undefined) sources.push(code(optionPath));
  return sources.length > 0 ? sources : [DEFAULT];
}

function stringAttribute(attributes: Attributes, key: string): string | undefined {
  const value = attributes[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function profileSource(context: SourceContext): ConfigSource[] {
  if (context.options.environment !== undefined) return [code('environment')];
  const fromResource = stringAttribute(context.envResource, 'deployment.environment.name') ?? stringAttribute(context.envResource, 'deployment.environment');
  if (fromResource !== undefined) return [profileFromName(fromResource) === undefined ? DEFAULT : env('OTEL_RESOURCE_ATTRIBUTES')];
  const nodeEnv = context.usedEnv.has('NODE_ENV');
  return [nodeEnv && context.profile !== 'development' ? env('NODE_ENV') : nodeEnv ? env('NODE_ENV') : DEFAULT];
}

function fromResourceOrPackage(context: SourceContext, optionPath: string, variables: readonly string[], attribute: string, packageValue: string | undefined): ConfigSource[] {
  const direct = first(context, optionPath, variables, { kind: 'none' });
  if (direct[0]?.kind !== 'none') return direct;
  if (stringAttribute(context.envResource, attribute) !== undefined) return [env('OTEL_RESOURCE_ATTRIBUTES')];
  if (packageValue !== undefined && packageValue.trim() !== '') return [{ kind: 'package.json' }];
  return [DEFAULT];
}

/** The variables that tune metrics beside `OTEL_METRICS_EXPORTER`. */
const METRICS_VARIABLES = [
  'OTEL_EXPORTER_PROMETHEUS_HOST',
  'OTEL_EXPORTER_PROMETHEUS_PORT',
  'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
  'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL',
  'OTEL_EXPORTER_OTLP_METRICS_HEADERS',
  'OTEL_EXPORTER_OTLP_METRICS_TIMEOUT',
  'OTEL_METRIC_EXPORT_INTERVAL',
  'OTEL_METRIC_EXPORT_TIMEOUT',
  'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE',
  'OTEL_BOOTSTRAP_RUNTIME_METRICS',
  'OTEL_BOOTSTRAP_METRICS_SERIES_LIMIT',
];

/** The rules, one per summary key. */
const RULES: Record<string, (context: SourceContext) => ConfigSource[]> = {
  enabled: (c) => first(c, 'enabled', ['OTEL_SDK_DISABLED']),
  profile: profileSource,
  serviceName: (c) => fromResourceOrPackage(c, 'serviceName', ['OTEL_SERVICE_NAME'], 'service.name', c.appPackage.name),
  serviceVersion: (c) => fromResourceOrPackage(c, 'serviceVersion', [], 'service.version', c.appPackage.version),
  sampler: (c) => {
    const preset: ConfigSource = c.tailSampling ? TAIL_PRESET : { kind: 'profile', name: c.profile };
    const sampler = first(c, 'sampler', ['OTEL_TRACES_SAMPLER'], preset);
    if (sampler[0]?.kind === 'code' && typeof c.options.sampler === 'object') return sampler;
    const argumentOption = (['samplingRatio', 'tracesPerSecond', 'jaegerRemote'] as const).find((name) => c.options[name] !== undefined);
    const argument = argumentOption !== undefined ? [code(argumentOption)] : first(c, undefined, ['OTEL_TRACES_SAMPLER_ARG'], preset);
    return argument[0]?.kind === preset.kind ? sampler : [...sampler, ...argument];
  },
  samplingRules: (c) => first(c, 'samplingRules', ['OTEL_BOOTSTRAP_SAMPLING_RULES']),
  samplingRoutes: (c) => first(c, 'samplingRoutes', ['OTEL_BOOTSTRAP_SAMPLING_ROUTES']),
  debugHeaders: (c) => first(c, 'debugHeaders', ['OTEL_BOOTSTRAP_DEBUG_HEADERS']),
  tailSampling: (c) => first(c, 'tailSampling', ['OTEL_BOOTSTRAP_TAIL_SAMPLING']),
  exporters: (c) => first(c, 'exporter', ['OTEL_TRACES_EXPORTER'], { kind: 'profile', name: c.profile }),
  processor: (c) => first(c, 'processor', []),
  'batch.maxQueueSize': (c) => first(c, 'batch.maxQueueSize', ['OTEL_BSP_MAX_QUEUE_SIZE'], c.tailSampling ? TAIL_PRESET : DEFAULT),
  'batch.scheduledDelayMillis': (c) => first(c, 'batch.scheduledDelayMillis', ['OTEL_BSP_SCHEDULE_DELAY'], c.tailSampling ? TAIL_PRESET : DEFAULT),
  'batch.exportTimeoutMillis': (c) => first(c, 'batch.exportTimeoutMillis', ['OTEL_BSP_EXPORT_TIMEOUT'], c.tailSampling ? TAIL_PRESET : DEFAULT),
  'batch.maxExportBatchSize': (c) => first(c, 'batch.maxExportBatchSize', ['OTEL_BSP_MAX_EXPORT_BATCH_SIZE'], c.tailSampling ? TAIL_PRESET : DEFAULT),
  'otlp.url': (c) => first(c, 'otlp.endpoint', ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT']),
  'otlp.protocol': (c) => first(c, 'otlp.protocol', ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']),
  'otlp.headers': (c) => merged(c, ['OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'], 'otlp.headers'),
  'otlp.timeoutMillis': (c) => first(c, 'otlp.timeoutMillis', ['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', 'OTEL_EXPORTER_OTLP_TIMEOUT']),
  'jaeger.agent': (c) => {
    const host = first(c, 'jaeger.agentHost', ['OTEL_EXPORTER_JAEGER_AGENT_HOST']);
    const port = first(c, 'jaeger.agentPort', ['OTEL_EXPORTER_JAEGER_AGENT_PORT']);
    const sources = [...host, ...port].filter((source) => source.kind !== 'default');
    return sources.length > 0 ? sources : [DEFAULT];
  },
  'jaeger.endpoint': (c) => first(c, 'jaeger.endpoint', ['OTEL_EXPORTER_JAEGER_ENDPOINT']),
  'jaeger.username': (c) => first(c, 'jaeger.username', ['OTEL_EXPORTER_JAEGER_USER']),
  'jaeger.password': (c) => first(c, 'jaeger.password', ['OTEL_EXPORTER_JAEGER_PASSWORD']),
  'console.verbose': (c) => first(c, undefined, ['OTEL_BOOTSTRAP_CONSOLE_VERBOSE']),
  'file.path': (c) => first(c, 'file.path', ['OTEL_BOOTSTRAP_FILE_PATH']),
  'file.maxBytes': (c) => first(c, 'file.maxBytes', ['OTEL_BOOTSTRAP_FILE_MAX_BYTES']),
  'file.maxFiles': (c) => first(c, 'file.maxFiles', ['OTEL_BOOTSTRAP_FILE_MAX_FILES']),
  propagators: (c) => first(c, 'propagators', ['OTEL_PROPAGATORS']),
  instrumentations: (c) => {
    const enabled = first(c, 'instrumentations', ['OTEL_NODE_ENABLED_INSTRUMENTATIONS']);
    return c.usedEnv.has('OTEL_NODE_DISABLED_INSTRUMENTATIONS') ? [...enabled.filter((source) => source.kind !== 'default'), env('OTEL_NODE_DISABLED_INSTRUMENTATIONS')] : enabled;
  },
  httpInstrumentation: (c) => first(c, 'httpInstrumentation', ['OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION']),
  trustRemoteSampling: (c) => first(c, 'trustRemoteSampling', ['OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING']),
  trustedSamplingHeaders: (c) => first(c, 'trustedSamplingHeaders', ['OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS']),
  redactQueryParams: (c) => first(c, 'redactQueryParams', ['OTEL_BOOTSTRAP_REDACT_QUERY_PARAMS']),
  'captureHeaders.request': (c) => first(c, 'captureHeaders.request', ['OTEL_BOOTSTRAP_CAPTURE_REQUEST_HEADERS']),
  'captureHeaders.response': (c) => first(c, 'captureHeaders.response', ['OTEL_BOOTSTRAP_CAPTURE_RESPONSE_HEADERS']),
  ignorePaths: (c) => first(c, 'ignorePaths', ['OTEL_BOOTSTRAP_IGNORE_PATHS']),
  shutdownSignals: (c) => first(c, 'shutdownSignals', ['OTEL_BOOTSTRAP_SHUTDOWN_SIGNALS']),
  shutdownTimeoutMillis: (c) => first(c, 'shutdownTimeoutMillis', ['OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT']),
  metrics: (c) => {
    const exporters = first(c, 'metricsExporter', ['OTEL_METRICS_EXPORTER'], { kind: 'profile', name: c.profile });
    const options = (['prometheus', 'otlpMetrics', 'runtimeMetrics', 'metricsSeriesLimit'] as const).filter((name) => c.options[name] !== undefined).map(code);
    const variables = METRICS_VARIABLES.filter((name) => c.usedEnv.has(name)).map(env);
    return [...exporters, ...options, ...variables];
  },
  logCorrelation: (c) => first(c, 'logCorrelation', ['OTEL_BOOTSTRAP_LOG_CORRELATION']),
};

/** The keys that have a source rule. */
export const SOURCE_KEYS: readonly string[] = Object.keys(RULES);

/** Works out the source of every value of the summary. */
export function configSources(context: SourceContext): ConfigSources {
  const sources: ConfigSources = {};
  for (const [key, rule] of Object.entries(RULES)) sources[key] = rule(context);
  return sources;
}

/** `code: otlp.endpoint`, `env: OTEL_SERVICE_NAME`, `profile: production`, `default`. */
export function describeSource(sources: readonly ConfigSource[] | undefined): string {
  if (sources === undefined || sources.length === 0) return 'unknown';
  return sources.map((source) => (source.name === undefined ? source.kind : `${source.kind}: ${source.name}`)).join(' + ');
}

/** An `OTEL_*` variable that resolving filled from jaeger-client's `JAEGER_*` variables. */
export interface FilledFromJaegerClient {
  variable: string;
  from: readonly string[];
}

/**
 * Names the `JAEGER_*` variables, with the kind `jaeger-client`, where a value's source is an
 * `OTEL_*` variable that was unset and filled from them.
 */
export function withJaegerClientSources(sources: ConfigSources, filled: readonly FilledFromJaegerClient[]): ConfigSources {
  if (filled.length === 0) return sources;
  const byVariable = new Map(filled.map((entry) => [entry.variable, entry.from]));
  const result: ConfigSources = {};
  for (const [key, list] of Object.entries(sources)) {
    result[key] = list.flatMap((source) => {
      const from = source.kind === 'env' && source.name !== undefined ? byVariable.get(source.name) : undefined;
      return from === undefined ? [source] : from.map((name) => ({ kind: 'jaeger-client', name }));
    });
  }
  return result;
}
