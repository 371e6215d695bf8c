/**
 * Finds option keys `init()` does not know (a typo in plain JavaScript, such as `servicename`),
 * so each can be named in one warning together with the closest known option.
 */
import type { BatchOptions, CaptureHeadersOptions, FileExporterOptions, JaegerRemoteOptions, JaegerThriftOptions, OtlpMetricsOptions, OtlpOptions, PrometheusOptions, TracingOptions } from './options';
import { unknownOptionWarning } from './warnings';

type KnownFields<T> = Readonly<Record<keyof Required<T>, true>>;
type Known<T> = Readonly<Record<keyof Required<T>, true | Readonly<Record<string, true>>>>;

const OTLP: KnownFields<OtlpOptions> = { endpoint: true, protocol: true, headers: true, timeoutMillis: true };
const JAEGER: KnownFields<JaegerThriftOptions> = { agentHost: true, agentPort: true, endpoint: true, username: true, password: true };
const BATCH: KnownFields<BatchOptions> = { maxQueueSize: true, scheduledDelayMillis: true, exportTimeoutMillis: true, maxExportBatchSize: true };
const CAPTURE: KnownFields<CaptureHeadersOptions> = { request: true, response: true };
const FILE: KnownFields<FileExporterOptions> = { path: true, maxBytes: true, maxFiles: true };
const JAEGER_REMOTE: KnownFields<JaegerRemoteOptions> = { endpoint: true, pollingIntervalMs: true, initialSamplingRate: true };
const PROMETHEUS: KnownFields<PrometheusOptions> = { host: true, port: true };
const OTLP_METRICS: KnownFields<OtlpMetricsOptions> = { endpoint: true, protocol: true, headers: true, timeoutMillis: true, exportIntervalMillis: true, temporality: true };

/** Every option key, with the keys of the nested option objects whose fields are checked too. */
const KNOWN: Known<TracingOptions> = {
  serviceName: true,
  serviceVersion: true,
  environment: true,
  enabled: true,
  sampler: true,
  samplingRatio: true,
  tracesPerSecond: true,
  jaegerRemote: JAEGER_REMOTE,
  samplingRules: true,
  samplingRoutes: true,
  debugHeaders: true,
  tailSampling: true,
  exporter: true,
  otlp: OTLP,
  jaeger: JAEGER,
  file: FILE,
  batch: BATCH,
  processor: true,
  spanProcessors: true,
  propagators: true,
  resourceAttributes: true,
  instrumentations: true,
  ignorePaths: true,
  expressMiddlewareSpans: true,
  httpInstrumentation: true,
  trustRemoteSampling: true,
  trustedSamplingHeaders: true,
  redactQueryParams: true,
  captureHeaders: CAPTURE,
  shutdownSignals: true,
  shutdownTimeoutMillis: true,
  flushOnBeforeExit: true,
  logLevel: true,
  metricsExporter: true,
  prometheus: PROMETHEUS,
  otlpMetrics: OTLP_METRICS,
  runtimeMetrics: true,
  metricsSeriesLimit: true,
  logCorrelation: true,
};

/** One warning per key of `options` (and of its nested option objects) that no option has. */
export function unknownOptionWarnings(options: object): string[] {
  return unknownKeys(options as Record<string, unknown>, KNOWN, '');
}

function unknownKeys(given: Record<string, unknown>, known: Readonly<Record<string, true | Readonly<Record<string, true>>>>, prefix: string): string[] {
  const warnings: string[] = [];
  const knownNames = Object.keys(known);
  for (const key of Object.keys(given)) {
    const nested = Object.hasOwn(known, key) ? known[key] : undefined;
    if (nested === undefined) {
      const closest = closestName(key, knownNames);
      warnings.push(unknownOptionWarning(`${prefix}${key}`, closest === undefined ? undefined : `${prefix}${closest}`));
      continue;
    }
    const value = given[key];
    if (nested !== true && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      warnings.push(...unknownKeys(value as Record<string, unknown>, nested, `${prefix}${key}.`));
    }
  }
  return warnings;
}

/**
 * The known name nearest to `name` by edit distance, ignoring case, when it is near enough to be a
 * likely typo (at most a third of the name's length, and at least 2 edits allowed).
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name: candidate, distance };
  }
  if (best === undefined) return undefined;
  return best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.name : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions, each counting one. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
