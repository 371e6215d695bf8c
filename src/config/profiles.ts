import type { EnvironmentProfile, ExporterName, SamplerName } from './options';

/** What a profile decides when neither code nor environment says otherwise. */
export interface ProfilePreset {
  sampler: SamplerName;
  ratio: number;
  exporter: ExporterName;
}

/** Sampling and export defaults per environment profile. */
export const PROFILE_PRESETS: Readonly<Record<EnvironmentProfile, ProfilePreset>> = {
  production: { sampler: 'parentbased_traceidratio', ratio: 0.01, exporter: 'otlp' },
  staging: { sampler: 'parentbased_traceidratio', ratio: 0.1, exporter: 'otlp' },
  development: { sampler: 'parentbased_always_on', ratio: 1, exporter: 'console' },
  test: { sampler: 'parentbased_always_on', ratio: 1, exporter: 'memory' },
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

/** Incoming paths that are not traced unless configured otherwise. */
export const DEFAULT_IGNORE_PATHS: readonly string[] = ['/health', '/healthz', '/ready', '/livez', '/metrics'];

const ALIASES: Readonly<Record<string, EnvironmentProfile>> = {
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

/** Maps an environment name (case-insensitive, common abbreviations accepted) to a profile. */
export function profileFromName(name: string): EnvironmentProfile | undefined {
  return ALIASES[name.trim().toLowerCase()];
}
