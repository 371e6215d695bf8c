import type { EnvironmentName, EnvironmentProfile, ExporterName, MetricsExporterName, SamplerName } from './options';

/** What a profile decides when neither code nor environment says otherwise. */
export interface ProfilePreset {
  sampler: SamplerName;
  ratio: number;
  exporter: ExporterName;
  /** Production and staging serve a Prometheus endpoint on loopback; development and test record no metrics. */
  metricsExporter: MetricsExporterName;
}

/** Sampling and export defaults per environment profile. */
export const PROFILE_PRESETS: Readonly<Record<EnvironmentProfile, ProfilePreset>> = {
  production: { sampler: 'parentbased_traceidratio', ratio: 0.01, exporter: 'otlp', metricsExporter: 'prometheus' },
  staging: { sampler: 'parentbased_traceidratio', ratio: 0.1, exporter: 'otlp', metricsExporter: 'prometheus' },
  development: { sampler: 'parentbased_always_on', ratio: 1, exporter: 'console', metricsExporter: 'none' },
  test: { sampler: 'parentbased_always_on', ratio: 1, exporter: 'memory', metricsExporter: 'none' },
};

/** Batch processor tuning shared by every profile. */
export const DEFAULT_BATCH = {
  maxQueueSize: 2048,
  scheduledDelayMillis: 5000,
  exportTimeoutMillis: 30000,
  maxExportBatchSize: 512,
} as const;

/**
 * Batch tuning when every span goes to a nearby tail-sampling tier: a larger queue for the
 * unsampled volume, and short delays and timeouts because the collector is one hop away.
 */
export const TAIL_SAMPLING_BATCH = {
  maxQueueSize: 8192,
  scheduledDelayMillis: 1000,
  exportTimeoutMillis: 10000,
  maxExportBatchSize: 1024,
} as const;

/** The HTTP/Express implementation used when neither code nor environment names one. */
export const DEFAULT_HTTP_INSTRUMENTATION = 'lean' as const;

/** The Prometheus endpoint's address and port when neither code nor environment sets them. */
export const DEFAULT_PROMETHEUS = { host: '127.0.0.1', port: 9464 } as const;

/** Series kept per metric by default, as the OpenTelemetry SDKs' cardinality limit. */
export const DEFAULT_METRICS_SERIES_LIMIT = 2000;

/** Incoming paths that are not traced unless configured otherwise. */
export const DEFAULT_IGNORE_PATHS: readonly string[] = ['/health', '/healthz', '/ready', '/livez', '/metrics'];

const ALIASES: Readonly<Record<EnvironmentName, EnvironmentProfile>> = {
  production: 'production',
  prod: 'production',
  staging: 'staging',
  stage: 'staging',
  development: 'development',
  dev: 'development',
  local: 'development',
  test: 'test',
  testing: 'test',
};

/** Every environment name accepted, in code and in `NODE_ENV` alike: the profiles and their abbreviations. */
export const ENVIRONMENT_NAMES = Object.keys(ALIASES) as readonly EnvironmentName[];

/** Maps an environment name (case-insensitive, common abbreviations accepted) to a profile. */
export function profileFromName(name: string): EnvironmentProfile | undefined {
  const key = name.trim().toLowerCase();
  return Object.hasOwn(ALIASES, key) ? ALIASES[key as EnvironmentName] : undefined;
}

/** Defaults of the `file` exporter. */
export const DEFAULT_FILE_EXPORTER = {
  path: 'otel-traces.jsonl',
  maxBytes: 100 * 1024 * 1024,
  maxFiles: 3,
} as const;
