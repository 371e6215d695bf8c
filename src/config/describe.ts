import type { ResolvedConfig } from './options';
import { REDACTED, redactUrl } from './redact';
import { isRemoteExporter } from '../export/create-exporters';
import { processorKind } from '../processing/processor-kind';

export { REDACTED, redactUrl } from './redact';

/** What is known only once tracing runs: the instrumentations actually built and active. */
export interface RunningComponents {
  /** Short names of the instrumentations enabled, in order. */
  instrumentations: string[];
  /** Short names of instrumentations left inactive because the module they instrument is not installed. */
  instrumentationsWithoutModule: string[];
}

/** A JSON-safe, redacted view of the resolved configuration. */
export interface ConfigSummary {
  enabled: boolean;
  profile: string;
  serviceName: string;
  serviceVersion: string | undefined;
  sampler: string;
  /** Sampling rules, as JSON, in order. */
  samplingRules: string[];
  samplingRoutes: string[];
  /** Names, with any required value shown as `[REDACTED]`. */
  debugHeaders: string[];
  tailSampling: boolean;
  exporters: string[];
  /** The processor each exporter gets: `batch` or `simple` when all share one, else `batch (otlp), simple (console)`; `none` without exporters. */
  processor: string;
  /** Present only when an exporter batches. */
  batch?: ResolvedConfig['batch'];
  /** Present only when the `otlp` exporter is used. */
  otlp?: { url: string; protocol: string; headers: Record<string, string>; timeoutMillis: number };
  /** Present only when the `console` exporter is used. */
  console?: { verbose: boolean };
  /** Present only when the `jaeger` exporter is used. */
  jaeger?: { agent: string; endpoint: string | undefined; username: string | undefined; password: string | undefined };
  /** Present only when the `file` exporter is used. */
  file?: ResolvedConfig['file'];
  propagators: string[];
  /** The instrumentations that run (once tracing has started), else the ones asked for. */
  instrumentations: string[];
  /** Instrumentations asked for whose instrumented module is not installed; present only when there are some. */
  instrumentationsWithoutModule?: string[];
  httpInstrumentation: string;
  trustRemoteSampling: boolean;
  /** Names, with any required value shown as `[REDACTED]`: such a value is a debug token. */
  trustedSamplingHeaders: string[];
  redactQueryParams: string[];
  captureHeaders: { request: string[]; response: string[] };
  ignorePaths: string[];
  shutdownSignals: boolean;
  shutdownTimeoutMillis: number;
  metrics: { exporters: string[]; prometheus: string; otlp: { url: string; protocol: string; headers: Record<string, string>; intervalMillis: number; temporality: string }; runtime: boolean; seriesLimit: number };
  logCorrelation: boolean;
}

/**
 * Builds the redacted summary of what runs: header values, passwords and URL credentials never
 * appear, and settings of exporters not in use are left out. `running` (from the manager once
 * started) replaces the instrumentations asked for with the ones enabled.
 */
export function describeConfig(config: ResolvedConfig, running?: RunningComponents): ConfigSummary {
  const sampler = 'instance' in config.sampler ? `custom (${config.sampler.instance.toString()})` : samplerText(config.sampler);
  const headerText = (header: { name: string; value?: string }): string => (header.value === undefined ? header.name : `${header.name}=${REDACTED}`);
  const exporters = config.exporters.filter((exporter) => exporter !== 'none');
  const exporterName = (exporter: ResolvedConfig['exporters'][number]): string => (typeof exporter === 'string' ? exporter : `custom (${exporter.constructor.name})`);
  const kinds = exporters.map((exporter) => ({ name: exporterName(exporter), kind: processorKind(config.processor, isRemoteExporter(exporter)) }));
  return {
    enabled: config.enabled,
    profile: config.profile,
    serviceName: config.serviceName,
    serviceVersion: config.serviceVersion,
    sampler,
    samplingRules: config.sampling.rules.map((rule) => JSON.stringify(rule)),
    samplingRoutes: [...config.sampling.routes],
    debugHeaders: config.sampling.debugHeaders.map(headerText),
    tailSampling: config.tailSampling,
    exporters: config.exporters.map(exporterName),
    processor: processorText(kinds),
    ...(kinds.some(({ kind }) => kind === 'batch') ? { batch: { ...config.batch } } : {}),
    ...(exporters.includes('otlp') ? { otlp: otlpSummary(config.otlp) } : {}),
    ...(exporters.includes('jaeger') ? { jaeger: jaegerSummary(config.jaeger) } : {}),
    ...(exporters.includes('console') ? { console: { verbose: config.consoleVerbose } } : {}),
    ...(exporters.includes('file') ? { file: { ...config.file } } : {}),
    propagators: [...config.propagators],
    instrumentations: running?.instrumentations ?? [...config.instrumentations.enabled, ...config.instrumentations.objects.map((instrumentation) => instrumentation.instrumentationName)],
    ...(running !== undefined && running.instrumentationsWithoutModule.length > 0 ? { instrumentationsWithoutModule: [...running.instrumentationsWithoutModule] } : {}),
    httpInstrumentation: config.httpInstrumentation,
    trustRemoteSampling: config.trustRemoteSampling,
    trustedSamplingHeaders: config.trustedSamplingHeaders.map(headerText),
    redactQueryParams: [...config.redactQueryParams],
    captureHeaders: { request: [...config.captureHeaders.request], response: [...config.captureHeaders.response] },
    ignorePaths: config.ignorePaths.map(String),
    shutdownSignals: config.shutdownSignals,
    shutdownTimeoutMillis: config.shutdownTimeoutMillis,
    metrics: {
      exporters: [...config.metrics.exporters],
      prometheus: config.metrics.prometheus.port === false ? 'metricsHandler() only' : `${config.metrics.prometheus.host}:${config.metrics.prometheus.port}`,
      otlp: {
        url: redactUrl(config.metrics.otlp.url),
        protocol: config.metrics.otlp.protocol,
        headers: Object.fromEntries(Object.keys(config.metrics.otlp.headers).map((key) => [key, REDACTED])),
        intervalMillis: config.metrics.otlp.intervalMillis,
        temporality: config.metrics.otlp.temporality,
      },
      runtime: config.metrics.runtime,
      seriesLimit: config.metrics.seriesLimit,
    },
    logCorrelation: config.logCorrelation,
  };
}

function processorText(kinds: ReadonlyArray<{ name: string; kind: string }>): string {
  if (kinds.length === 0) return 'none';
  const distinct = new Set(kinds.map(({ kind }) => kind));
  if (distinct.size === 1) return kinds[0]?.kind ?? 'none';
  return kinds.map(({ name, kind }) => `${kind} (${name})`).join(', ');
}

function otlpSummary(otlp: ResolvedConfig['otlp']): NonNullable<ConfigSummary['otlp']> {
  return {
    url: redactUrl(otlp.url),
    protocol: otlp.protocol,
    headers: Object.fromEntries(Object.keys(otlp.headers).map((key) => [key, REDACTED])),
    timeoutMillis: otlp.timeoutMillis,
  };
}

function jaegerSummary(jaeger: ResolvedConfig['jaeger']): NonNullable<ConfigSummary['jaeger']> {
  return {
    agent: `${jaeger.agentHost}:${jaeger.agentPort}`,
    endpoint: jaeger.endpoint === undefined ? undefined : redactUrl(jaeger.endpoint),
    username: jaeger.username,
    password: jaeger.password === undefined ? undefined : REDACTED,
  };
}

function samplerText(sampler: Exclude<ResolvedConfig['sampler'], { instance: unknown }>): string {
  if (sampler.name.endsWith('traceidratio')) return `${sampler.name} (${sampler.ratio})`;
  if (sampler.name === 'parentbased_ratelimiting') return `${sampler.name} (${sampler.tracesPerSecond ?? 0}/s)`;
  const remote = sampler.jaegerRemote;
  if (remote !== undefined) {
    const initial = remote.initial.name.endsWith('traceidratio') ? `${remote.initial.name} (${remote.initial.ratio})` : remote.initial.name;
    return `${sampler.name} (${redactUrl(remote.endpoint)} every ${remote.pollingIntervalMs} ms; until then ${initial})`;
  }
  return sampler.name;
}
