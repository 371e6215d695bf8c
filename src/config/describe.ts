import type { ResolvedConfig } from './options';
import { REDACTED, redactUrl } from './redact';

export { REDACTED, redactUrl } from './redact';

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
  processor: string;
  batch: ResolvedConfig['batch'];
  otlp: { url: string; protocol: string; headers: Record<string, string>; timeoutMillis: number };
  jaeger: { agent: string; endpoint: string | undefined; username: string | undefined; password: string | undefined };
  propagators: string[];
  instrumentations: string[];
  httpInstrumentation: string;
  trustRemoteSampling: boolean;
  /** Names, with any required value shown as `[REDACTED]`: such a value is a debug token. */
  trustedSamplingHeaders: string[];
  redactQueryParams: string[];
  captureHeaders: { request: string[]; response: string[] };
  ignorePaths: string[];
  shutdownSignals: boolean;
  shutdownTimeoutMillis: number;
}

/** Builds the redacted summary: header values, passwords and URL credentials never appear. */
export function describeConfig(config: ResolvedConfig): ConfigSummary {
  const sampler = 'instance' in config.sampler ? `custom (${config.sampler.instance.toString()})` : samplerText(config.sampler);
  const headerText = (header: { name: string; value?: string }): string => (header.value === undefined ? header.name : `${header.name}=${REDACTED}`);
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
    exporters: config.exporters.map((exporter) => (typeof exporter === 'string' ? exporter : `custom (${exporter.constructor.name})`)),
    processor: config.processor,
    batch: { ...config.batch },
    otlp: {
      url: redactUrl(config.otlp.url),
      protocol: config.otlp.protocol,
      headers: Object.fromEntries(Object.keys(config.otlp.headers).map((key) => [key, REDACTED])),
      timeoutMillis: config.otlp.timeoutMillis,
    },
    jaeger: {
      agent: `${config.jaeger.agentHost}:${config.jaeger.agentPort}`,
      endpoint: config.jaeger.endpoint === undefined ? undefined : redactUrl(config.jaeger.endpoint),
      username: config.jaeger.username,
      password: config.jaeger.password === undefined ? undefined : REDACTED,
    },
    propagators: [...config.propagators],
    instrumentations:
      config.instrumentations.objects.length > 0
        ? config.instrumentations.objects.map((instrumentation) => instrumentation.instrumentationName)
        : [...config.instrumentations.enabled],
    httpInstrumentation: config.httpInstrumentation,
    trustRemoteSampling: config.trustRemoteSampling,
    trustedSamplingHeaders: config.trustedSamplingHeaders.map(headerText),
    redactQueryParams: [...config.redactQueryParams],
    captureHeaders: { request: [...config.captureHeaders.request], response: [...config.captureHeaders.response] },
    ignorePaths: config.ignorePaths.map(String),
    shutdownSignals: config.shutdownSignals,
    shutdownTimeoutMillis: config.shutdownTimeoutMillis,
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
