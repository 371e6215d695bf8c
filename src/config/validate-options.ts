import type { TracingOptions } from './options';
import { rejectOption } from './errors';
import { isHeaderName, parseTrustedHeader, TRUSTED_HEADER_FORM } from './header-lists';
import { ENVIRONMENT_NAMES, profileFromName } from './profiles';
import { SAMPLER_NAMES } from './sampling-config';
import { ruleProblem } from '../sampling/rules/sampling-rule';

const SAMPLERS: readonly string[] = SAMPLER_NAMES;

const EXPORTERS = ['otlp', 'jaeger', 'console', 'memory', 'file', 'none'];
const PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'];
const PROPAGATORS = ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'none'];
const LOG_LEVELS = ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasMethods = (value: unknown, ...methods: string[]): boolean =>
  isObject(value) && methods.every((method) => typeof value[method] === 'function');

const isHttpUrl = (value: unknown): boolean => typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

function checkHttpUrl(option: string, value: unknown): void {
  if (value !== undefined && !isHttpUrl(value)) rejectOption(option, 'an absolute http:// or https:// URL', value);
}
function checkString(option: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) rejectOption(option, 'a non-empty string', value);
}
function checkBoolean(option: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') rejectOption(option, 'true or false', value);
}
function checkInteger(option: string, value: unknown, min: number): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)) {
    rejectOption(option, `a whole number of at least ${min}`, value);
  }
}
function checkOneOf(option: string, value: unknown, accepted: readonly string[]): void {
  if (value !== undefined && (typeof value !== 'string' || !accepted.includes(value))) rejectOption(option, `one of ${accepted.join(', ')}`, value);
}

/** Throws a `TypeError` for the first option that is not of an accepted form. */
export function validateOptions(options: unknown): asserts options is TracingOptions {
  if (options === undefined) return;
  if (!isObject(options)) rejectOption('options', 'an object', options);
  const o = options;
  checkString('serviceName', o.serviceName);
  checkString('serviceVersion', o.serviceVersion);
  if (o.environment !== undefined && (typeof o.environment !== 'string' || profileFromName(o.environment) === undefined)) {
    rejectOption('environment', `one of ${ENVIRONMENT_NAMES.join(', ')} (any case)`, o.environment);
  }
  checkBoolean('enabled', o.enabled);
  if (o.sampler !== undefined && typeof o.sampler === 'string') checkOneOf('sampler', o.sampler, SAMPLERS);
  else if (o.sampler !== undefined && !hasMethods(o.sampler, 'shouldSample')) rejectOption('sampler', `one of ${SAMPLERS.join(', ')} or a Sampler`, o.sampler);
  if (o.samplingRatio !== undefined && (typeof o.samplingRatio !== 'number' || !(o.samplingRatio >= 0 && o.samplingRatio <= 1))) {
    rejectOption('samplingRatio', 'a number from 0 to 1', o.samplingRatio);
  }
  validateSampling(o);
  validateExporters(o.exporter);
  validateOtlp(o.otlp);
  validateJaeger(o.jaeger);
  validateFileExporter(o.file);
  validateBatch(o.batch);
  checkOneOf('processor', o.processor, ['batch', 'simple']);
  if (o.spanProcessors !== undefined && (!Array.isArray(o.spanProcessors) || !o.spanProcessors.every((p) => hasMethods(p, 'onEnd', 'shutdown')))) {
    rejectOption('spanProcessors', 'an array of SpanProcessor objects', o.spanProcessors);
  }
  if (o.propagators !== undefined && (!Array.isArray(o.propagators) || !o.propagators.every((p) => PROPAGATORS.includes(p as string)))) {
    rejectOption('propagators', `an array of ${PROPAGATORS.join(', ')}`, o.propagators);
  }
  if (o.resourceAttributes !== undefined && !isObject(o.resourceAttributes)) rejectOption('resourceAttributes', 'an object of attributes', o.resourceAttributes);
  validateInstrumentations(o.instrumentations);
  if (o.ignorePaths !== undefined && (!Array.isArray(o.ignorePaths) || !o.ignorePaths.every((p) => typeof p === 'string' || p instanceof RegExp))) {
    rejectOption('ignorePaths', 'an array of path strings or RegExps', o.ignorePaths);
  }
  checkBoolean('expressMiddlewareSpans', o.expressMiddlewareSpans);
  checkOneOf('httpInstrumentation', o.httpInstrumentation, ['lean', 'official']);
  validateHttpPrivacy(o);
  checkBoolean('shutdownSignals', o.shutdownSignals);
  checkInteger('shutdownTimeoutMillis', o.shutdownTimeoutMillis, 0);
  checkBoolean('flushOnBeforeExit', o.flushOnBeforeExit);
  checkOneOf('logLevel', o.logLevel, LOG_LEVELS);
  validateMetrics(o);
  checkBoolean('logCorrelation', o.logCorrelation);
}

function validateMetrics(o: Record<string, unknown>): void {
  const exporters = ['prometheus', 'otlp', 'none'];
  const given = o.metricsExporter;
  if (given !== undefined) {
    const list = Array.isArray(given) ? given : [given];
    if (list.length === 0 || !list.every((entry) => typeof entry === 'string' && exporters.includes(entry))) rejectOption('metricsExporter', `one of ${exporters.join(', ')}, or an array of those`, given);
  }
  const prometheus = o.prometheus;
  if (prometheus !== undefined) {
    if (!isObject(prometheus)) rejectOption('prometheus', 'an object', prometheus);
    checkString('prometheus.host', prometheus.host);
    const port = prometheus.port;
    if (port !== undefined && port !== false && (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)) rejectOption('prometheus.port', 'a port number from 0 to 65535, or false', port);
  }
  const otlp = o.otlpMetrics;
  if (otlp !== undefined) {
    if (!isObject(otlp)) rejectOption('otlpMetrics', 'an object', otlp);
    if (otlp.endpoint !== undefined && (typeof otlp.endpoint !== 'string' || !URL.canParse(otlp.endpoint))) rejectOption('otlpMetrics.endpoint', 'an absolute URL', otlp.endpoint);
    checkOneOf('otlpMetrics.protocol', otlp.protocol, ['http/protobuf', 'http/json']);
    if (otlp.headers !== undefined && (!isObject(otlp.headers) || !Object.values(otlp.headers).every((v) => typeof v === 'string'))) rejectOption('otlpMetrics.headers', 'an object of string values', otlp.headers);
    checkInteger('otlpMetrics.timeoutMillis', otlp.timeoutMillis, 1);
    checkInteger('otlpMetrics.exportIntervalMillis', otlp.exportIntervalMillis, 100);
    checkOneOf('otlpMetrics.temporality', otlp.temporality, ['cumulative', 'delta', 'lowmemory']);
  }
  checkBoolean('runtimeMetrics', o.runtimeMetrics);
  checkInteger('metricsSeriesLimit', o.metricsSeriesLimit, 1);
}

function validateExporters(value: unknown): void {
  if (value === undefined) return;
  const list = Array.isArray(value) ? value : [value];
  const accepted = `one of ${EXPORTERS.join(', ')}, a SpanExporter, or an array of those`;
  if (list.length === 0) rejectOption('exporter', accepted, value);
  for (const entry of list) {
    if (typeof entry === 'string' ? !EXPORTERS.includes(entry) : !hasMethods(entry, 'export', 'shutdown')) rejectOption('exporter', accepted, entry);
  }
}

function validateOtlp(value: unknown): void {
  if (value === undefined) return;
  if (!isObject(value)) rejectOption('otlp', 'an object', value);
  checkHttpUrl('otlp.endpoint', value.endpoint);
  checkOneOf('otlp.protocol', value.protocol, PROTOCOLS);
  if (value.headers !== undefined && (!isObject(value.headers) || !Object.values(value.headers).every((v) => typeof v === 'string'))) {
    rejectOption('otlp.headers', 'an object of string values', value.headers);
  }
  checkInteger('otlp.timeoutMillis', value.timeoutMillis, 1);
}

function validateJaeger(value: unknown): void {
  if (value === undefined) return;
  if (!isObject(value)) rejectOption('jaeger', 'an object', value);
  checkString('jaeger.agentHost', value.agentHost);
  if (value.agentPort !== undefined && (typeof value.agentPort !== 'number' || !Number.isInteger(value.agentPort) || value.agentPort < 1 || value.agentPort > 65535)) {
    rejectOption('jaeger.agentPort', 'a port number from 1 to 65535', value.agentPort);
  }
  checkHttpUrl('jaeger.endpoint', value.endpoint);
  checkString('jaeger.username', value.username);
  checkString('jaeger.password', value.password);
}

function validateBatch(value: unknown): void {
  if (value === undefined) return;
  if (!isObject(value)) rejectOption('batch', 'an object', value);
  checkInteger('batch.maxQueueSize', value.maxQueueSize, 1);
  checkInteger('batch.scheduledDelayMillis', value.scheduledDelayMillis, 0);
  checkInteger('batch.exportTimeoutMillis', value.exportTimeoutMillis, 1);
  checkInteger('batch.maxExportBatchSize', value.maxExportBatchSize, 1);
}

function validateInstrumentations(value: unknown): void {
  if (value === undefined) return;
  const accepted = '"default", "all", "none", or an array mixing instrumentation names and Instrumentation objects';
  if (typeof value === 'string') return checkOneOf('instrumentations', value, ['default', 'all', 'none']);
  if (!Array.isArray(value)) rejectOption('instrumentations', accepted, value);
  for (const entry of value) {
    const valid = typeof entry === 'string' ? entry.trim() !== '' : hasMethods(entry, 'enable', 'disable', 'setTracerProvider');
    if (!valid) rejectOption('instrumentations', accepted, entry);
  }
}

function checkStringList(option: string, value: unknown, accepted: string, isValid: (entry: string) => boolean): void {
  if (value !== undefined && (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string' && isValid(entry)))) rejectOption(option, accepted, value);
}

function validateHttpPrivacy(o: Record<string, unknown>): void {
  checkBoolean('trustRemoteSampling', o.trustRemoteSampling);
  checkStringList('trustedSamplingHeaders', o.trustedSamplingHeaders, `an array of ${TRUSTED_HEADER_FORM} strings`, (entry) => parseTrustedHeader(entry) !== undefined);
  checkStringList('redactQueryParams', o.redactQueryParams, 'an array of non-empty query keys', (entry) => entry !== '');
  const capture = o.captureHeaders;
  if (capture === undefined) return;
  if (!isObject(capture)) rejectOption('captureHeaders', 'an object with request and response header name arrays', capture);
  checkStringList('captureHeaders.request', capture.request, 'an array of HTTP header names', isHeaderName);
  checkStringList('captureHeaders.response', capture.response, 'an array of HTTP header names', isHeaderName);
}

function validateFileExporter(file: unknown): void {
  if (file === undefined) return;
  if (!isObject(file)) rejectOption('file', 'an object with path, maxBytes and maxFiles', file);
  checkString('file.path', file.path);
  checkInteger('file.maxBytes', file.maxBytes, 1024);
  checkInteger('file.maxFiles', file.maxFiles, 0);
}

function validateSampling(o: Record<string, unknown>): void {
  if (o.tracesPerSecond !== undefined && (typeof o.tracesPerSecond !== 'number' || !Number.isFinite(o.tracesPerSecond) || o.tracesPerSecond < 0)) {
    rejectOption('tracesPerSecond', 'a number of at least 0', o.tracesPerSecond);
  }
  if (o.sampler === 'parentbased_ratelimiting' && o.tracesPerSecond === undefined) rejectOption('tracesPerSecond', 'a number of at least 0 (parentbased_ratelimiting needs it)', o.tracesPerSecond);
  const remote = o.jaegerRemote;
  if (remote !== undefined) {
    if (!isObject(remote)) rejectOption('jaegerRemote', 'an object', remote);
    if (remote.endpoint !== undefined && (typeof remote.endpoint !== 'string' || !URL.canParse(remote.endpoint) || !/^https?:$/.test(new URL(remote.endpoint).protocol))) {
      rejectOption('jaegerRemote.endpoint', 'an http:// or https:// URL', remote.endpoint);
    }
    if (remote.pollingIntervalMs !== undefined && (typeof remote.pollingIntervalMs !== 'number' || !Number.isSafeInteger(remote.pollingIntervalMs) || remote.pollingIntervalMs < 100)) {
      rejectOption('jaegerRemote.pollingIntervalMs', 'a whole number of at least 100', remote.pollingIntervalMs);
    }
    if (remote.initialSamplingRate !== undefined && (typeof remote.initialSamplingRate !== 'number' || !(remote.initialSamplingRate >= 0 && remote.initialSamplingRate <= 1))) {
      rejectOption('jaegerRemote.initialSamplingRate', 'a number from 0 to 1', remote.initialSamplingRate);
    }
  }
  if (o.samplingRules !== undefined) {
    if (!Array.isArray(o.samplingRules)) rejectOption('samplingRules', 'an array of sampling rules', o.samplingRules);
    o.samplingRules.forEach((rule: unknown, index) => {
      const problem = ruleProblem(rule);
      if (problem !== undefined) rejectOption(`samplingRules[${index}]`, `a sampling rule (${problem})`, rule);
    });
  }
  checkStringList('samplingRoutes', o.samplingRoutes, 'an array of route templates starting with /', (entry) => entry.startsWith('/'));
  checkStringList('debugHeaders', o.debugHeaders, `an array of ${TRUSTED_HEADER_FORM} strings`, (entry) => parseTrustedHeader(entry) !== undefined);
  checkBoolean('tailSampling', o.tailSampling);
}
