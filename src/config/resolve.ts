/**
 * Turns code options, an environment map and profile presets into one {@link ResolvedConfig}.
 * Pure: no I/O, no globals. Precedence: explicit options > standard `OTEL_*` variables >
 * jaeger-client's `JAEGER_*` variables > profile.
 */
import { DiagLogLevel, type Attributes } from '@opentelemetry/api';
import type { Instrumentation } from '../sdk/sdk-types';
import { EnvReader, type EnvMap } from './env';
import { attachedWarnings } from './attached-warnings';
import { applyJaegerClientEnv, type JaegerClientSource } from './jaeger-client-env';
import { parseKeyValueList } from './key-value-list';
import type {
  CoreInstrumentationName,
  EnvironmentProfile,
  ExporterChoice,
  ExporterName,
  PropagatorName,
  ResolvedConfig,
  TracingOptions,
} from './options';
import { resolveFileExporter } from './file-exporter-config';
import { configSources, withJaegerClientSources, type ConfigSources } from './sources';
import { resolveOtlp } from './otlp-config';
import { resolveMetrics } from './metrics-config';
import { DEFAULT_BATCH, DEFAULT_HTTP_INSTRUMENTATION, DEFAULT_IGNORE_PATHS, PROFILE_PRESETS, profileFromName, TAIL_SAMPLING_BATCH } from './profiles';
import { resolveSampler, resolveSampling, SAMPLER_NAMES } from './sampling-config';
import { unknownOptionWarnings } from './unknown-options';
import { validateOptions } from './validate-options';
import { resolveHttpPrivacy } from './http-privacy-config';
import { invalidResourceAttributeWarning, missingServiceNameWarning, REMOTE_SAMPLING_TRUST_NOT_APPLIED_WARNING, unknownEnvironmentWarning } from './warnings';

/** What the host application's package.json says, found by the caller (resolving does no I/O). */
export interface AppPackageInfo {
  name?: string;
  version?: string;
}

/** The outcome of {@link resolveConfig}: the configuration and one warning per problem found. */
export interface ResolveResult {
  config: ResolvedConfig;
  warnings: string[];
  /** Where each value of the configuration summary came from (code, environment, profile, ...). */
  sources: ConfigSources;
  /** Settings whose `OTEL_*` variable was unset and was filled from jaeger-client's `JAEGER_*` ones. */
  jaegerClientSources: JaegerClientSource[];
}

const EXPORTERS: readonly ExporterName[] = ['otlp', 'jaeger', 'console', 'memory', 'file', 'none'];
const PROPAGATORS: readonly PropagatorName[] = ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'none'];
const LOG_LEVELS = ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'] as const;
const CORE_INSTRUMENTATIONS: readonly CoreInstrumentationName[] = ['http', 'express', 'undici'];
/** Fallback `service.name` as the OpenTelemetry resource specification words it. */
export const UNKNOWN_SERVICE_NAME = 'unknown_service:node';

/**
 * Resolves the configuration. Throws a `TypeError` for an invalid code option; an invalid
 * environment value only adds a warning.
 */
export function resolveConfig(options: TracingOptions = {}, envMap: EnvMap = {}, appPackage: AppPackageInfo = {}): ResolveResult {
  validateOptions(options);
  const jaegerClient = applyJaegerClientEnv(envMap, SAMPLER_NAMES);
  const env = new EnvReader(jaegerClient.env);
  env.warnings.push(...jaegerClient.warnings, ...attachedWarnings(options), ...unknownOptionWarnings(options));
  const envResource = readResourceAttributes(env);
  const profile = resolveProfile(options, env, envResource);
  const preset = PROFILE_PRESETS[profile];

  const disabledByEnv = env.boolean('OTEL_SDK_DISABLED', false) ?? false;
  const enabled = options.enabled ?? !disabledByEnv;

  const serviceName = resolveServiceName(options, env, envResource, appPackage);
  const serviceVersion = options.serviceVersion ?? stringAttribute(envResource['service.version']) ?? appPackage.version;
  const tailSampling = options.tailSampling ?? env.boolean('OTEL_BOOTSTRAP_TAIL_SAMPLING', false) ?? false;
  // A tail-sampling tier decides later, so the service keeps everything.
  const profileRoot = tailSampling ? { name: 'parentbased_always_on' as const, ratio: 1 } : { name: preset.sampler, ratio: preset.ratio };

  const config: ResolvedConfig = {
    enabled,
    profile,
    serviceName,
    serviceVersion,
    resourceAttributes: {
      ...envResource,
      ...options.resourceAttributes,
      'service.name': serviceName,
      ...(serviceVersion === undefined ? {} : { 'service.version': serviceVersion }),
      'deployment.environment.name': stringAttribute(options.resourceAttributes?.['deployment.environment.name']) ?? environmentNameFromResource(envResource) ?? profile,
    },
    sampler: resolveSampler(options, env, profileRoot),
    sampling: resolveSampling(options, env),
    tailSampling,
    exporters: resolveExporters(options, env, preset.exporter),
    processor: options.processor ?? 'auto',
    spanProcessors: [...(options.spanProcessors ?? [])],
    batch: resolveBatch(options, env, tailSampling ? TAIL_SAMPLING_BATCH : DEFAULT_BATCH),
    otlp: resolveOtlp(options.otlp, env),
    jaeger: resolveJaeger(options, env),
    file: resolveFileExporter(options.file, env),
    propagators: [...(options.propagators ?? env.list('OTEL_PROPAGATORS', PROPAGATORS, 'the others listed, or tracecontext,baggage if none is left') ?? ['tracecontext', 'baggage'])],
    instrumentations: resolveInstrumentations(options, env),
    ignorePaths: [...(options.ignorePaths ?? readIgnorePaths(env) ?? DEFAULT_IGNORE_PATHS)],
    expressMiddlewareSpans: options.expressMiddlewareSpans ?? false,
    httpInstrumentation: options.httpInstrumentation ?? env.oneOf('OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION', ['lean', 'official'] as const, DEFAULT_HTTP_INSTRUMENTATION) ?? DEFAULT_HTTP_INSTRUMENTATION,
    ...resolveHttpPrivacy(options, env),
    shutdownSignals: options.shutdownSignals ?? env.boolean('OTEL_BOOTSTRAP_SHUTDOWN_SIGNALS', true) ?? true,
    shutdownTimeoutMillis: options.shutdownTimeoutMillis ?? env.integer('OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT', 0, 600_000, '5000') ?? 5000,
    flushOnBeforeExit: options.flushOnBeforeExit ?? true,
    consoleVerbose: env.boolean('OTEL_BOOTSTRAP_CONSOLE_VERBOSE', false) ?? false,
    logLevel: toDiagLevel(options.logLevel ?? env.oneOf('OTEL_LOG_LEVEL', LOG_LEVELS, 'warn') ?? 'warn'),
    spanLimits: {
      attributeCountLimit: env.firstOf(['OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT', 'OTEL_ATTRIBUTE_COUNT_LIMIT'], limitReader(1_000_000), 'the SDK default'),
      attributeValueLengthLimit: env.firstOf(['OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT', 'OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT'], limitReader(100_000_000), 'no limit'),
      eventCountLimit: env.integer('OTEL_SPAN_EVENT_COUNT_LIMIT', 0, 1_000_000, 'the SDK default'),
      linkCountLimit: env.integer('OTEL_SPAN_LINK_COUNT_LIMIT', 0, 1_000_000, 'the SDK default'),
    },
    metrics: resolveMetrics(options, env, preset.metricsExporter),
    logCorrelation: options.logCorrelation ?? env.boolean('OTEL_BOOTSTRAP_LOG_CORRELATION', true) ?? true,
  };
  if (!config.trustRemoteSampling && config.httpInstrumentation === 'official' && config.instrumentations.enabled.some((name) => name === 'http' || name === 'all')) {
    env.warnings.push(REMOTE_SAMPLING_TRUST_NOT_APPLIED_WARNING);
  }
  // The register entries read this before anything loads (see src/compile-cache.ts); it is read
  // here so that a bad value warns like every other variable.
  env.boolean('OTEL_BOOTSTRAP_COMPILE_CACHE', true);
  if (serviceName === UNKNOWN_SERVICE_NAME && enabled) env.warnings.push(missingServiceNameWarning(UNKNOWN_SERVICE_NAME));
  const sources = withJaegerClientSources(configSources({ options, usedEnv: env.used, envResource, appPackage, profile, tailSampling }), jaegerClient.sources);
  return { config, warnings: env.warnings, sources, jaegerClientSources: jaegerClient.sources };
}

function limitReader(max: number): (reader: EnvReader, name: string, used: string) => number | undefined {
  return (reader, name, used) => reader.integer(name, 0, max, used);
}

function readResourceAttributes(env: EnvReader): Record<string, string> {
  const text = env.string('OTEL_RESOURCE_ATTRIBUTES');
  if (text === undefined) return {};
  return parseKeyValueList(text, (pair) => env.warnings.push(invalidResourceAttributeWarning(pair)));
}

function stringAttribute(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function environmentNameFromResource(attributes: Attributes): string | undefined {
  return stringAttribute(attributes['deployment.environment.name']) ?? stringAttribute(attributes['deployment.environment']);
}

function resolveProfile(options: TracingOptions, env: EnvReader, envResource: Attributes): EnvironmentProfile {
  // validateOptions has checked that the name maps to a profile.
  if (options.environment !== undefined) return profileFromName(options.environment) ?? 'development';
  const fromResource = environmentNameFromResource(envResource);
  if (fromResource !== undefined) {
    const profile = profileFromName(fromResource);
    if (profile !== undefined) return profile;
    env.warnings.push(unknownEnvironmentWarning('OTEL_RESOURCE_ATTRIBUTES deployment.environment.name', fromResource, 'development'));
    return 'development';
  }
  const nodeEnv = env.string('NODE_ENV');
  if (nodeEnv !== undefined) {
    const profile = profileFromName(nodeEnv);
    if (profile !== undefined) return profile;
    env.warnings.push(unknownEnvironmentWarning('NODE_ENV', nodeEnv, 'development'));
  }
  return 'development';
}

function resolveServiceName(options: TracingOptions, env: EnvReader, envResource: Attributes, appPackage: AppPackageInfo): string {
  return options.serviceName ?? env.string('OTEL_SERVICE_NAME') ?? stringAttribute(envResource['service.name']) ?? stringAttribute(appPackage.name) ?? UNKNOWN_SERVICE_NAME;
}

function resolveExporters(options: TracingOptions, env: EnvReader, presetExporter: ExporterName): ExporterChoice[] {
  if (options.exporter !== undefined) {
    return Array.isArray(options.exporter) ? [...(options.exporter as ExporterChoice[])] : [options.exporter as ExporterChoice];
  }
  const fromEnv = env.list('OTEL_TRACES_EXPORTER', EXPORTERS, `the others listed, or the profile's ${presetExporter} if none is left`);
  if (fromEnv === undefined) return [presetExporter];
  return fromEnv.includes('none') ? ['none'] : fromEnv;
}

function resolveBatch(options: TracingOptions, env: EnvReader, defaults: ResolvedConfig['batch']): ResolvedConfig['batch'] {
  const given = options.batch ?? {};
  const maxQueueSize = given.maxQueueSize ?? env.integer('OTEL_BSP_MAX_QUEUE_SIZE', 1, 10_000_000, String(defaults.maxQueueSize)) ?? defaults.maxQueueSize;
  const scheduledDelayMillis = given.scheduledDelayMillis ?? env.integer('OTEL_BSP_SCHEDULE_DELAY', 0, 3_600_000, String(defaults.scheduledDelayMillis)) ?? defaults.scheduledDelayMillis;
  const exportTimeoutMillis = given.exportTimeoutMillis ?? env.integer('OTEL_BSP_EXPORT_TIMEOUT', 1, 3_600_000, String(defaults.exportTimeoutMillis)) ?? defaults.exportTimeoutMillis;
  const batchSize = given.maxExportBatchSize ?? env.integer('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 1, 10_000_000, String(defaults.maxExportBatchSize)) ?? defaults.maxExportBatchSize;
  // A batch can never hold more than the queue; the SDK would otherwise warn on every start.
  return { maxQueueSize, scheduledDelayMillis, exportTimeoutMillis, maxExportBatchSize: Math.min(batchSize, maxQueueSize) };
}

function resolveJaeger(options: TracingOptions, env: EnvReader): ResolvedConfig['jaeger'] {
  const given = options.jaeger ?? {};
  const endpoint = given.endpoint ?? env.httpUrl('OTEL_EXPORTER_JAEGER_ENDPOINT', 'the UDP agent');
  return {
    agentHost: given.agentHost ?? env.string('OTEL_EXPORTER_JAEGER_AGENT_HOST') ?? 'localhost',
    agentPort: given.agentPort ?? env.integer('OTEL_EXPORTER_JAEGER_AGENT_PORT', 1, 65535, '6832') ?? 6832,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...optionalString('username', given.username ?? env.string('OTEL_EXPORTER_JAEGER_USER')),
    ...optionalString('password', given.password ?? env.string('OTEL_EXPORTER_JAEGER_PASSWORD')),
  };
}

function optionalString<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * Names and instances mix in one list: instances are added to the named ones, and a list without
 * names (only instances) keeps the defaults. `none` in a list drops the defaults; `default` stands
 * for the core three.
 */
function resolveInstrumentations(options: TracingOptions, env: EnvReader): ResolvedConfig['instrumentations'] {
  const given = options.instrumentations;
  const list: ReadonlyArray<string | Instrumentation> = typeof given === 'string' ? [given] : (given ?? []);
  const names = list.filter((entry): entry is string => typeof entry === 'string');
  const objects = list.filter((entry): entry is Instrumentation => typeof entry !== 'string');
  const defaults = (): string[] => normaliseNames(env.rawList('OTEL_NODE_ENABLED_INSTRUMENTATIONS')) ?? [...CORE_INSTRUMENTATIONS];
  let enabled: string[];
  if (names.length === 0) enabled = defaults();
  else if (names.includes('none')) enabled = names.filter((name) => name !== 'none' && name !== 'default');
  else enabled = names.flatMap((name) => (name === 'default' ? [...CORE_INSTRUMENTATIONS] : [name]));
  enabled = [...new Set(enabled)];
  const disabled = normaliseNames(env.rawList('OTEL_NODE_DISABLED_INSTRUMENTATIONS')) ?? [];
  return { enabled: enabled.filter((name) => !disabled.includes(name)), disabled, objects };
}

/** Accepts both `http` and `@opentelemetry/instrumentation-http`; `fetch` means undici. */
function normaliseNames(names: string[] | undefined): string[] | undefined {
  return names?.map((name) => {
    const short = name.toLowerCase().replace(/^@opentelemetry\/instrumentation-/, '');
    return short === 'fetch' ? 'undici' : short;
  });
}

function readIgnorePaths(env: EnvReader): string[] | undefined {
  const value = env.string('OTEL_BOOTSTRAP_IGNORE_PATHS');
  if (value === undefined) return undefined;
  if (value.toLowerCase() === 'none') return [];
  return env.rawList('OTEL_BOOTSTRAP_IGNORE_PATHS');
}

function toDiagLevel(level: (typeof LOG_LEVELS)[number]): DiagLogLevel {
  const levels: Record<(typeof LOG_LEVELS)[number], DiagLogLevel> = {
    none: DiagLogLevel.NONE,
    error: DiagLogLevel.ERROR,
    warn: DiagLogLevel.WARN,
    info: DiagLogLevel.INFO,
    debug: DiagLogLevel.DEBUG,
    verbose: DiagLogLevel.VERBOSE,
    all: DiagLogLevel.ALL,
  };
  return levels[level];
}
