import type { EnvReader } from './env';
import { parseKeyValueList } from './key-value-list';
import type { MetricsConfig, MetricsExporterName, OtlpMetricsOptions, TracingOptions } from './options';
import { DEFAULT_METRICS_SERIES_LIMIT, DEFAULT_PROMETHEUS } from './profiles';
import { redactUrl } from './redact';
import { invalidHeaderWarning } from './warnings';

const EXPORTERS: readonly MetricsExporterName[] = ['prometheus', 'otlp', 'none'];
const PROTOCOLS = ['http/protobuf', 'http/json'] as const;
const TEMPORALITIES = ['cumulative', 'delta', 'lowmemory'] as const;
const METRICS_ENDPOINT = 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT';
const BASE_ENDPOINT = 'OTEL_EXPORTER_OTLP_ENDPOINT';
const METRICS_PATH = '/v1/metrics';
const DEFAULT_URL = `http://localhost:4318${METRICS_PATH}`;

/** Adds `/v1/metrics` to a base URL (keeping a path prefix it has). */
export function metricsUrlFromBase(base: string): string {
  const url = new URL(base);
  if (url.pathname === '' || url.pathname === '/') return `${url.origin}${METRICS_PATH}`;
  return `${base.replace(/\/+$/, '')}${METRICS_PATH}`;
}

/**
 * Resolves the metrics settings: code options, then `OTEL_METRICS_EXPORTER`, the Prometheus and
 * OTLP metrics variables, then the profile's exporter.
 */
export function resolveMetrics(options: TracingOptions, env: EnvReader, profileExporter: MetricsExporterName): MetricsConfig {
  return {
    exporters: resolveExporters(options, env, profileExporter),
    prometheus: {
      host: options.prometheus?.host ?? env.string('OTEL_EXPORTER_PROMETHEUS_HOST') ?? DEFAULT_PROMETHEUS.host,
      port: options.prometheus?.port ?? env.integer('OTEL_EXPORTER_PROMETHEUS_PORT', 0, 65535, String(DEFAULT_PROMETHEUS.port)) ?? DEFAULT_PROMETHEUS.port,
    },
    otlp: resolveOtlpMetrics(options.otlpMetrics, env),
    runtime: options.runtimeMetrics ?? env.boolean('OTEL_BOOTSTRAP_RUNTIME_METRICS', true) ?? true,
    seriesLimit: options.metricsSeriesLimit ?? env.integer('OTEL_BOOTSTRAP_METRICS_SERIES_LIMIT', 1, 1_000_000, String(DEFAULT_METRICS_SERIES_LIMIT)) ?? DEFAULT_METRICS_SERIES_LIMIT,
  };
}

function resolveExporters(options: TracingOptions, env: EnvReader, profileExporter: MetricsExporterName): MetricsConfig['exporters'] {
  const given = options.metricsExporter;
  const chosen: readonly MetricsExporterName[] =
    given !== undefined
      ? ((Array.isArray(given) ? given : [given]) as MetricsExporterName[])
      : (env.list('OTEL_METRICS_EXPORTER', EXPORTERS, `the others listed, or the profile's ${profileExporter} if none is left`) ?? [profileExporter]);
  if (chosen.includes('none')) return [];
  return chosen.filter((name): name is Exclude<MetricsExporterName, 'none'> => name !== 'none');
}

function resolveOtlpMetrics(options: OtlpMetricsOptions | undefined, env: EnvReader): MetricsConfig['otlp'] {
  // The shared OTLP variables were read (and warned about) for traces already: read them quietly here.
  const shared = env.quiet();
  const sharedProtocol = readProtocol(shared, 'OTEL_EXPORTER_OTLP_PROTOCOL', 'http/protobuf');
  const protocol = options?.protocol ?? readProtocol(env, 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', usedText(sharedProtocol, 'OTEL_EXPORTER_OTLP_PROTOCOL', 'http/protobuf')) ?? sharedProtocol ?? 'http/protobuf';
  const sharedBase = shared.httpUrl(BASE_ENDPOINT, DEFAULT_URL);
  const sharedUrl = sharedBase === undefined ? undefined : metricsUrlFromBase(sharedBase);
  const url = options?.endpoint !== undefined ? metricsUrlFromBase(options.endpoint) : (env.httpUrl(METRICS_ENDPOINT, usedText(sharedUrl === undefined ? undefined : redactUrl(sharedUrl), BASE_ENDPOINT, DEFAULT_URL)) ?? sharedUrl ?? DEFAULT_URL);
  const sharedTimeout = shared.integer('OTEL_EXPORTER_OTLP_TIMEOUT', 1, 600_000, '10000');
  const timeout = options?.timeoutMillis ?? env.integer('OTEL_EXPORTER_OTLP_METRICS_TIMEOUT', 1, 600_000, usedText(sharedTimeout, 'OTEL_EXPORTER_OTLP_TIMEOUT', '10000')) ?? sharedTimeout ?? 10_000;
  const exportTimeout = env.integer('OTEL_METRIC_EXPORT_TIMEOUT', 1, 600_000, '30000') ?? 30_000;
  return {
    url,
    protocol,
    headers: { ...readHeaders(shared, 'OTEL_EXPORTER_OTLP_HEADERS'), ...readHeaders(env, 'OTEL_EXPORTER_OTLP_METRICS_HEADERS'), ...options?.headers },
    timeoutMillis: Math.min(timeout, exportTimeout),
    intervalMillis: options?.exportIntervalMillis ?? env.integer('OTEL_METRIC_EXPORT_INTERVAL', 100, 86_400_000, '60000') ?? 60_000,
    temporality: options?.temporality ?? env.oneOf('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', TEMPORALITIES, 'cumulative') ?? 'cumulative',
  };
}

/** What a bad specific variable's warning says is used instead: the shared variable's value, or the default. */
function usedText(shared: string | number | undefined, sharedName: string, fallback: string): string {
  return shared === undefined ? fallback : `${shared} from ${sharedName}`;
}

/** `grpc` traces may be configured through the shared variable; metrics are always sent over HTTP. */
function readProtocol(reader: EnvReader, name: string, used: string): (typeof PROTOCOLS)[number] | undefined {
  const value = reader.string(name);
  if (value === undefined) return undefined;
  const match = PROTOCOLS.find((protocol) => protocol === value.toLowerCase());
  if (match !== undefined) return match;
  if (value.toLowerCase() === 'grpc' && name === 'OTEL_EXPORTER_OTLP_PROTOCOL') return undefined;
  reader.warn(name, value, `one of ${PROTOCOLS.join(', ')} for metrics`, used);
  return undefined;
}

function readHeaders(env: EnvReader, name: string): Record<string, string> {
  const value = env.string(name);
  if (value === undefined) return {};
  return parseKeyValueList(value, (_pair, position) => env.warnings.push(invalidHeaderWarning(name, position)));
}
