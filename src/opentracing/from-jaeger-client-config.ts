import type { Attributes } from '@opentelemetry/api';
import { attachWarnings } from '../config/attached-warnings';
import { JAEGER_CLIENT_PROPAGATORS } from '../config/jaeger-client-env';
import { jaegerEnvWarnings } from '../config/jaeger-client-warnings';
import type { ExporterName, PropagatorName, TracingOptions } from '../config/options';
import { LOG_PREFIX } from '../config/warnings';

/** The sampler section of a jaeger-client-node configuration. */
export interface JaegerClientSamplerConfig {
  type: 'const' | 'probabilistic' | 'ratelimiting' | 'remote';
  param: number;
  hostPort?: string;
  host?: string;
  port?: number;
  samplingPath?: string;
  refreshIntervalMs?: number;
}

/** The reporter section of a jaeger-client-node configuration. */
export interface JaegerClientReporterConfig {
  logSpans?: boolean;
  agentHost?: string;
  agentPort?: number;
  agentSocketType?: string;
  collectorEndpoint?: string;
  username?: string;
  password?: string;
  flushIntervalMs?: number;
  timeoutMs?: number;
}

/** The first argument of jaeger-client-node's `initTracer(config, options)`. */
export interface JaegerClientConfig {
  serviceName?: string;
  disable?: boolean;
  sampler?: JaegerClientSamplerConfig;
  reporter?: JaegerClientReporterConfig;
  throttler?: unknown;
}

/** The second argument of jaeger-client-node's `initTracer(config, options)`. */
export interface JaegerClientOptions {
  tags?: Record<string, unknown>;
  metrics?: unknown;
  logger?: unknown;
  reporter?: unknown;
  throttler?: unknown;
  traceId128bit?: boolean;
  shareRpcSpan?: boolean;
  contextKey?: string;
  baggagePrefix?: string;
}

const SAMPLER_TYPES = ['const', 'probabilistic', 'ratelimiting', 'remote'];

function reject(field: string, accepted: string): never {
  throw new TypeError(`${LOG_PREFIX} fromJaegerClientConfig() ${field} must be ${accepted}.`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function optional<T>(field: string, value: unknown, accepted: string, test: (value: unknown) => boolean): T | undefined {
  if (value === undefined) return undefined;
  if (!test(value)) reject(field, accepted);
  return value as T;
}

const nonEmptyString = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
const isPort = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
const isMillis = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 1;
const isHttpUrl = (value: unknown): boolean => typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

function section(field: string, value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isRecord(value)) reject(field, 'an object');
  return value;
}

function mapSampler(sampler: Record<string, unknown>): Partial<TracingOptions> {
  if (Object.keys(sampler).length === 0) return {};
  const type = sampler.type;
  if (typeof type !== 'string' || !SAMPLER_TYPES.includes(type)) reject('config.sampler.type', `one of ${SAMPLER_TYPES.join(', ')}`);
  const param = sampler.param;
  if (typeof param !== 'number' || !Number.isFinite(param)) reject('config.sampler.param', 'a number (jaeger-client requires it)');
  switch (type) {
    case 'const':
      return { sampler: param === 1 ? 'parentbased_always_on' : 'parentbased_always_off' };
    case 'probabilistic':
      if (param < 0 || param > 1) reject('config.sampler.param', 'a ratio from 0 to 1 for the probabilistic sampler');
      return { sampler: 'parentbased_traceidratio', samplingRatio: param };
    case 'ratelimiting':
      if (param < 0) reject('config.sampler.param', 'traces per second, at least 0, for the ratelimiting sampler');
      return { sampler: 'parentbased_ratelimiting', tracesPerSecond: param };
    default:
      return { sampler: 'parentbased_jaeger_remote', jaegerRemote: remoteSampling(sampler, param) };
  }
}

/** jaeger-client's remote sampler: the sampling manager's address, refresh interval, and `param` as the rate until a strategy arrives. */
function remoteSampling(sampler: Record<string, unknown>, param: number): NonNullable<TracingOptions['jaegerRemote']> {
  if (param < 0 || param > 1) reject('config.sampler.param', 'a ratio from 0 to 1 for the remote sampler (the rate until a strategy arrives)');
  const hostPort = optional<string>('config.sampler.hostPort', sampler.hostPort, 'a host:port string', nonEmptyString);
  const host = optional<string>('config.sampler.host', sampler.host, 'a non-empty string', nonEmptyString);
  const port = optional<number>('config.sampler.port', sampler.port, 'a port number from 1 to 65535', isPort);
  const path = optional<string>('config.sampler.samplingPath', sampler.samplingPath, 'a non-empty string', nonEmptyString) ?? '/sampling';
  const refresh = optional<number>('config.sampler.refreshIntervalMs', sampler.refreshIntervalMs, 'a whole number of milliseconds from 100', (value) => Number.isInteger(value) && (value as number) >= 100);
  const manager = hostPort ?? `${host ?? 'localhost'}:${port ?? 5778}`;
  const endpoint = `${/^https?:\/\//.test(manager) ? manager : `http://${manager}`}${path.startsWith('/') ? path : `/${path}`}`;
  if (!isHttpUrl(endpoint)) reject('config.sampler.hostPort', 'a host:port the sampling manager listens on');
  return { endpoint, initialSamplingRate: param, ...(refresh === undefined ? {} : { pollingIntervalMs: refresh }) };
}

function mapReporter(reporter: Record<string, unknown>, warnings: string[]): Partial<TracingOptions> {
  const agentHost = optional<string>('config.reporter.agentHost', reporter.agentHost, 'a non-empty string', nonEmptyString);
  const agentPort = optional<number>('config.reporter.agentPort', reporter.agentPort, 'a port number from 1 to 65535', isPort);
  const endpoint = optional<string>('config.reporter.collectorEndpoint', reporter.collectorEndpoint, 'an http:// or https:// URL', isHttpUrl);
  const username = optional<string>('config.reporter.username', reporter.username, 'a non-empty string', nonEmptyString);
  const password = optional<string>('config.reporter.password', reporter.password, 'a non-empty string', nonEmptyString);
  const logSpans = optional<boolean>('config.reporter.logSpans', reporter.logSpans, 'true or false', (value) => typeof value === 'boolean');
  const flush = optional<number>('config.reporter.flushIntervalMs', reporter.flushIntervalMs, 'a whole number of milliseconds', isMillis);
  const timeout = optional<number>('config.reporter.timeoutMs', reporter.timeoutMs, 'a whole number of milliseconds', isMillis);
  if (reporter.agentSocketType !== undefined) warnings.push(jaegerEnvWarnings.noEquivalent('reporter.agentSocketType', 'the Thrift exporter picks the socket family from the agent address'));
  const jaeger = {
    ...(agentHost === undefined ? {} : { agentHost }),
    ...(agentPort === undefined ? {} : { agentPort }),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
  };
  const reports = agentHost !== undefined || agentPort !== undefined || endpoint !== undefined || logSpans === true;
  const exporter: ExporterName[] = logSpans === true ? ['jaeger', 'console'] : ['jaeger'];
  const batch = { ...(flush === undefined ? {} : { scheduledDelayMillis: flush }), ...(timeout === undefined ? {} : { exportTimeoutMillis: timeout }) };
  return {
    ...(reports ? { exporter } : {}),
    ...(Object.keys(jaeger).length > 0 ? { jaeger } : {}),
    ...(Object.keys(batch).length > 0 ? { batch } : {}),
  };
}

function mapTags(tags: unknown): Attributes | undefined {
  if (tags === undefined) return undefined;
  if (!isRecord(tags)) reject('options.tags', 'an object of tag values');
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(tags)) {
    if (value === undefined || value === null) continue;
    attributes[key] = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);
  }
  return attributes;
}

const UNTRANSLATED: ReadonlyArray<[keyof JaegerClientOptions | 'throttler', string]> = [
  ['metrics', "jaeger-client's tracer metrics (the Prometheus metrics factory) are not produced; count requests from spans or with your metrics library"],
  ['logger', 'diagnostics go through the OpenTelemetry diag logger: diag.setLogger(yourLogger) after init(), and logLevel'],
  ['reporter', 'give a SpanExporter in the exporter option instead'],
  ['throttler', 'debug traces are sampled by the sampling layer, without a throttler'],
  ['shareRpcSpan', 'client and server always get spans of their own'],
  ['contextKey', 'the Jaeger header is always uber-trace-id'],
  ['baggagePrefix', 'Jaeger baggage headers are always uberctx-*'],
];

/**
 * Turns a jaeger-client-node configuration (the two arguments of `initTracer(config, options)`)
 * into `init()` options that do the same with this package: service name, `disable`, the
 * sampler (`const`, `probabilistic`, `ratelimiting` and `remote` as parent-based samplers), the reporter (agent host and
 * port, collector endpoint and credentials as the Jaeger Thrift exporter, `logSpans` as the
 * console exporter beside it, flush interval and timeout as batch settings) and tags as resource
 * attributes; propagation is W3C plus Jaeger's `uber-trace-id`, so jaeger-client neighbours
 * continue the trace. Without a reporter destination, export follows the profile.
 *
 * Settings with no equivalent each give one warning, printed by `init()` with its own
 * configuration warnings. A value of the wrong form throws a `TypeError` naming it.
 *
 * @example
 * ```ts
 * import { init } from 'otel-bootstrap';
 * import { fromJaegerClientConfig } from 'otel-bootstrap/opentracing';
 *
 * init(fromJaegerClientConfig({ serviceName: 'billing', sampler: { type: 'const', param: 1 }, reporter: { agentHost: 'jaeger-agent' } }));
 * ```
 */
export function fromJaegerClientConfig(config: JaegerClientConfig, options: JaegerClientOptions = {}): TracingOptions {
  if (!isRecord(config)) reject('config', 'an object');
  if (!isRecord(options)) reject('options', 'an object');
  const warnings: string[] = [];
  const serviceName = optional<string>('config.serviceName', config.serviceName, 'a non-empty string', nonEmptyString);
  const disable = optional<boolean>('config.disable', config.disable, 'true or false', (value) => typeof value === 'boolean');
  const resourceAttributes = mapTags(options.tags);
  if (config.throttler !== undefined) warnings.push(jaegerEnvWarnings.noEquivalent('config.throttler', 'debug traces are sampled by the sampling layer, without a throttler'));
  for (const [key, why] of UNTRANSLATED) {
    if ((options)[key] !== undefined) warnings.push(jaegerEnvWarnings.noEquivalent(`options.${key}`, why));
  }
  if (options.traceId128bit === false) warnings.push(jaegerEnvWarnings.noEquivalent('options.traceId128bit=false', 'trace ids are always 128-bit; 64-bit Jaeger ids from neighbours are still read'));
  const propagators = JAEGER_CLIENT_PROPAGATORS.split(',') as PropagatorName[];
  const result: TracingOptions = {
    ...(serviceName === undefined ? {} : { serviceName }),
    ...(disable === true ? { enabled: false } : {}),
    ...mapSampler(section('config.sampler', config.sampler)),
    ...mapReporter(section('config.reporter', config.reporter), warnings),
    ...(resourceAttributes === undefined ? {} : { resourceAttributes }),
    propagators,
  };
  return attachWarnings(result, warnings);
}
