import { DiagLogLevel } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { invalidOptionMessage } from '../../../src/config/errors';
import { resolveConfig, UNKNOWN_SERVICE_NAME } from '../../../src/config/resolve';
import type { EnvMap } from '../../../src/config/env';
import type { ResolvedConfig, TracingOptions } from '../../../src/config/options';
import { invalidEnvWarning, missingServiceNameWarning, unknownEnvironmentWarning, unknownListEntryWarning } from '../../../src/config/warnings';

const named = { OTEL_SERVICE_NAME: 'svc' };
const resolve = (env: EnvMap, options: TracingOptions = {}) => resolveConfig(options, { ...named, ...env });
const samplerOf = (config: ResolvedConfig) => ('instance' in config.sampler ? 'instance' : `${config.sampler.name}:${config.sampler.ratio}`);

describe('resolveConfig: profiles', () => {
  it.each([
    [{}, {}, 'development', 'parentbased_always_on:1', ['console']],
    [{ NODE_ENV: 'production' }, {}, 'production', 'parentbased_traceidratio:0.01', ['otlp']],
    [{ NODE_ENV: 'staging' }, {}, 'staging', 'parentbased_traceidratio:0.1', ['otlp']],
    [{ NODE_ENV: 'test' }, {}, 'test', 'parentbased_always_on:1', ['memory']],
    [{ NODE_ENV: 'PROD' }, {}, 'production', 'parentbased_traceidratio:0.01', ['otlp']],
    [{ NODE_ENV: 'development', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=production' }, {}, 'production', 'parentbased_traceidratio:0.01', ['otlp']],
    [{ NODE_ENV: 'production', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging' }, {}, 'staging', 'parentbased_traceidratio:0.1', ['otlp']],
    [{ NODE_ENV: 'production', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging' }, { environment: 'test' }, 'test', 'parentbased_always_on:1', ['memory']],
  ] as Array<[EnvMap, TracingOptions, string, string, string[]]>)('env %j options %j -> %s', (env, options, profile, sampler, exporters) => {
    const { config, warnings } = resolve(env, options);
    expect(warnings).toEqual([]);
    expect(config.profile).toBe(profile);
    expect(samplerOf(config)).toBe(sampler);
    expect(config.exporters).toEqual(exporters);
    expect(config.resourceAttributes['deployment.environment.name']).toBe(env.OTEL_RESOURCE_ATTRIBUTES?.split('=')[1] ?? profile);
  });

  it('an unknown environment name warns and uses development', () => {
    const { config, warnings } = resolve({ NODE_ENV: 'qa' });
    expect(config.profile).toBe('development');
    expect(warnings).toEqual([unknownEnvironmentWarning('NODE_ENV', 'qa', 'development')]);
  });
});

describe('resolveConfig: precedence code > env > profile', () => {
  it('sampler: env overrides the profile, code overrides env', () => {
    expect(samplerOf(resolve({ NODE_ENV: 'production', OTEL_TRACES_SAMPLER_ARG: '0.25' }).config)).toBe('parentbased_traceidratio:0.25');
    expect(samplerOf(resolve({ NODE_ENV: 'production', OTEL_TRACES_SAMPLER: 'always_off' }).config)).toBe('always_off:1');
    expect(samplerOf(resolve({ NODE_ENV: 'production', OTEL_TRACES_SAMPLER_ARG: '0.25' }, { samplingRatio: 0.5 }).config)).toBe('parentbased_traceidratio:0.5');
    expect(samplerOf(resolve({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.3' }).config)).toBe('traceidratio:0.3');
    expect(samplerOf(resolve({ OTEL_TRACES_SAMPLER: 'always_on' }, { sampler: 'parentbased_always_off' }).config)).toBe('parentbased_always_off:1');
  });

  it('batch tuning: defaults, env per value, code per value', () => {
    expect(resolve({ NODE_ENV: 'production' }).config.batch).toEqual({ maxQueueSize: 2048, scheduledDelayMillis: 5000, exportTimeoutMillis: 30000, maxExportBatchSize: 512 });
    const { config } = resolve({ OTEL_BSP_MAX_QUEUE_SIZE: '4096', OTEL_BSP_SCHEDULE_DELAY: '1000', OTEL_BSP_EXPORT_TIMEOUT: '2000', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '100' }, { batch: { scheduledDelayMillis: 250 } });
    expect(config.batch).toEqual({ maxQueueSize: 4096, scheduledDelayMillis: 250, exportTimeoutMillis: 2000, maxExportBatchSize: 100 });
    expect(resolve({ OTEL_BSP_MAX_QUEUE_SIZE: '100' }).config.batch.maxExportBatchSize).toBe(100);
  });

  it('exporters: env list, none wins, code instance', () => {
    expect(resolve({ OTEL_TRACES_EXPORTER: 'otlp,console' }).config.exporters).toEqual(['otlp', 'console']);
    expect(resolve({ OTEL_TRACES_EXPORTER: 'otlp,none' }).config.exporters).toEqual(['none']);
    const exporter = new InMemorySpanExporter();
    expect(resolve({ OTEL_TRACES_EXPORTER: 'otlp' }, { exporter }).config.exporters).toEqual([exporter]);
    expect(resolve({}, { exporter: ['jaeger', exporter] }).config.exporters).toEqual(['jaeger', exporter]);
  });

  it('OTLP endpoint: traces-specific env as is, base env gets /v1/traces, code option wins', () => {
    expect(resolve({}).config.otlp.url).toBe('http://localhost:4318/v1/traces');
    expect(resolve({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }).config.otlp.url).toBe('http://127.0.0.1:4318/v1/traces');
    expect(resolve({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/prefix/' }).config.otlp.url).toBe('http://127.0.0.1:4318/prefix/v1/traces');
    expect(resolve({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:1', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9/custom' }).config.otlp.url).toBe('http://127.0.0.1:9/custom');
    expect(resolve({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9/custom' }, { otlp: { endpoint: 'http://127.0.0.1:4318' } }).config.otlp.url).toBe('http://127.0.0.1:4318/v1/traces');
    expect(resolve({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }).config.otlp).toMatchObject({ protocol: 'grpc', url: 'http://localhost:4317' });
    expect(resolve({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' }).config.otlp.protocol).toBe('http/json');
  });

  it('OTLP headers: generic then traces-specific then code, percent-decoded', () => {
    const { config } = resolve({ OTEL_EXPORTER_OTLP_HEADERS: 'a=1,api-key=x%20y', OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'a=2' }, { otlp: { headers: { b: '3' } } });
    expect(config.otlp.headers).toEqual({ a: '2', 'api-key': 'x y', b: '3' });
  });

  it('Jaeger Thrift settings from env', () => {
    expect(resolve({}).config.jaeger).toEqual({ agentHost: 'localhost', agentPort: 6832 });
    expect(resolve({ OTEL_EXPORTER_JAEGER_AGENT_HOST: '127.0.0.1', OTEL_EXPORTER_JAEGER_AGENT_PORT: '6831' }).config.jaeger).toEqual({ agentHost: '127.0.0.1', agentPort: 6831 });
    expect(resolve({ OTEL_EXPORTER_JAEGER_ENDPOINT: 'http://127.0.0.1:14268/api/traces', OTEL_EXPORTER_JAEGER_USER: 'u', OTEL_EXPORTER_JAEGER_PASSWORD: 'p' }).config.jaeger).toMatchObject({
      endpoint: 'http://127.0.0.1:14268/api/traces',
      username: 'u',
      password: 'p',
    });
  });

  it('service name: option, env, resource attribute, package.json, fallback with a warning', () => {
    expect(resolveConfig({ serviceName: 'code' }, { OTEL_SERVICE_NAME: 'env' }).config.serviceName).toBe('code');
    expect(resolveConfig({}, { OTEL_SERVICE_NAME: 'env', OTEL_RESOURCE_ATTRIBUTES: 'service.name=attr' }).config.serviceName).toBe('env');
    expect(resolveConfig({}, { OTEL_RESOURCE_ATTRIBUTES: 'service.name=attr' }).config.serviceName).toBe('attr');
    const fromPackage = resolveConfig({}, {}, { name: 'orders-api', version: '1.2.3' }).config;
    expect([fromPackage.serviceName, fromPackage.serviceVersion]).toEqual(['orders-api', '1.2.3']);
    const fallback = resolveConfig({}, {});
    expect(fallback.config.serviceName).toBe(UNKNOWN_SERVICE_NAME);
    expect(fallback.warnings).toEqual([missingServiceNameWarning(UNKNOWN_SERVICE_NAME)]);
  });

  it('resource attributes: env merged, code wins, malformed pairs skipped with one warning', () => {
    const { config, warnings } = resolve({ OTEL_RESOURCE_ATTRIBUTES: 'team=payments,region=eu%2Dwest,broken,=x' }, { resourceAttributes: { team: 'orders' } });
    expect(config.resourceAttributes).toMatchObject({ team: 'orders', region: 'eu-west', 'service.name': 'svc' });
    expect(warnings).toHaveLength(2);
  });

  it('instrumentations: default, env lists, disabled list, code names', () => {
    expect(resolve({}).config.instrumentations.enabled).toEqual(['http', 'express', 'undici']);
    expect(resolve({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,pg' }).config.instrumentations.enabled).toEqual(['http', 'pg']);
    expect(resolve({ OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'express,fetch' }).config.instrumentations.enabled).toEqual(['http']);
    expect(resolve({}, { instrumentations: 'none' }).config.instrumentations.enabled).toEqual([]);
    expect(resolve({}, { instrumentations: 'all' }).config.instrumentations.enabled).toEqual(['all']);
  });

  it('ignore paths: defaults, env list, env none, code option', () => {
    expect(resolve({}).config.ignorePaths).toEqual(['/health', '/healthz', '/ready', '/livez', '/metrics']);
    expect(resolve({ OTEL_BOOTSTRAP_IGNORE_PATHS: '/ping, /status' }).config.ignorePaths).toEqual(['/ping', '/status']);
    expect(resolve({ OTEL_BOOTSTRAP_IGNORE_PATHS: 'none' }).config.ignorePaths).toEqual([]);
    expect(resolve({ OTEL_BOOTSTRAP_IGNORE_PATHS: '/ping' }, { ignorePaths: [/^\/internal/] }).config.ignorePaths).toEqual([/^\/internal/]);
  });

  it('HTTP instrumentation: lean by default, env and code select official', () => {
    expect(resolve({}).config.httpInstrumentation).toBe('lean');
    expect(resolve({ OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: 'OFFICIAL' }).config.httpInstrumentation).toBe('official');
    expect(resolve({ OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: 'official' }, { httpInstrumentation: 'lean' }).config.httpInstrumentation).toBe('lean');
    const bad = resolve({ OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: 'fast' });
    expect(bad.config.httpInstrumentation).toBe('lean');
    expect(bad.warnings).toEqual([invalidEnvWarning('OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION', 'fast', 'one of lean, official', 'lean')]);
    expect(() => resolveConfig({ httpInstrumentation: 'fast' as 'lean' }, {})).toThrow(new TypeError(invalidOptionMessage('httpInstrumentation', 'one of lean, official', 'fast')));
  });

  it('log level and shutdown settings', () => {
    expect(resolve({}).config.logLevel).toBe(DiagLogLevel.WARN);
    expect(resolve({ OTEL_LOG_LEVEL: 'DEBUG' }).config.logLevel).toBe(DiagLogLevel.DEBUG);
    expect(resolve({ OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT: '250', OTEL_BOOTSTRAP_SHUTDOWN_SIGNALS: 'false' }).config).toMatchObject({ shutdownTimeoutMillis: 250, shutdownSignals: false });
  });
});

describe('resolveConfig: OTEL_SDK_DISABLED is true only for the string "true"', () => {
  it.each([
    ['true', false],
    ['TRUE', false],
    [' True ', false],
    ['false', true],
    ['', true],
    [undefined, true],
  ])('%j -> enabled %s', (value, enabled) => {
    const { config, warnings } = resolve({ OTEL_SDK_DISABLED: value });
    expect(config.enabled).toBe(enabled);
    expect(warnings).toEqual([]);
  });

  it.each(['1', 'yes', 'on'])('%j warns and stays enabled', (value) => {
    const { config, warnings } = resolve({ OTEL_SDK_DISABLED: value });
    expect(config.enabled).toBe(true);
    expect(warnings).toEqual([invalidEnvWarning('OTEL_SDK_DISABLED', value, 'true or false', 'false')]);
  });

  it('enabled: false in code wins over the environment', () => {
    expect(resolve({ OTEL_SDK_DISABLED: 'false' }, { enabled: false }).config.enabled).toBe(false);
  });
});

describe('resolveConfig: each invalid env value gives exactly one warning and the default', () => {
  it.each([
    ['OTEL_TRACES_SAMPLER_ARG', 'abc', 'a number from 0 to 1', '0.01', (c: ResolvedConfig) => samplerOf(c) === 'parentbased_traceidratio:0.01'],
    ['OTEL_TRACES_SAMPLER_ARG', '2', 'a number from 0 to 1', '0.01', (c: ResolvedConfig) => samplerOf(c) === 'parentbased_traceidratio:0.01'],
    ['OTEL_TRACES_SAMPLER_ARG', '-0.5', 'a number from 0 to 1', '0.01', (c: ResolvedConfig) => samplerOf(c) === 'parentbased_traceidratio:0.01'],
    ['OTEL_BSP_MAX_QUEUE_SIZE', '-5', 'a whole number from 1 to 10000000', '2048', (c: ResolvedConfig) => c.batch.maxQueueSize === 2048],
    ['OTEL_BSP_MAX_QUEUE_SIZE', '12.5', 'a whole number from 1 to 10000000', '2048', (c: ResolvedConfig) => c.batch.maxQueueSize === 2048],
    ['OTEL_BSP_SCHEDULE_DELAY', 'fast', 'a whole number from 0 to 3600000', '5000', (c: ResolvedConfig) => c.batch.scheduledDelayMillis === 5000],
    ['OTEL_BSP_EXPORT_TIMEOUT', '0', 'a whole number from 1 to 3600000', '30000', (c: ResolvedConfig) => c.batch.exportTimeoutMillis === 30000],
    ['OTEL_BSP_MAX_EXPORT_BATCH_SIZE', '1e3', 'a whole number from 1 to 10000000', '512', (c: ResolvedConfig) => c.batch.maxExportBatchSize === 512],
    ['OTEL_EXPORTER_JAEGER_AGENT_PORT', '70000', 'a whole number from 1 to 65535', '6832', (c: ResolvedConfig) => c.jaeger.agentPort === 6832],
    ['OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT', 'later', 'a whole number from 0 to 600000', '5000', (c: ResolvedConfig) => c.shutdownTimeoutMillis === 5000],
    ['OTEL_LOG_LEVEL', 'loud', 'one of none, error, warn, info, debug, verbose, all', 'warn', (c: ResolvedConfig) => c.logLevel === DiagLogLevel.WARN],
  ] as const)('%s=%j', (variable, value, accepted, used, check) => {
    const { config, warnings } = resolve({ NODE_ENV: 'production', [variable]: value });
    expect(warnings).toEqual([invalidEnvWarning(variable, value, accepted, used)]);
    expect(check(config)).toBe(true);
  });

  it('unknown sampler, exporter and propagator names', () => {
    expect(resolve({ NODE_ENV: 'production', OTEL_TRACES_SAMPLER: 'xray' }).warnings).toHaveLength(1);
    const exporters = resolve({ NODE_ENV: 'production', OTEL_TRACES_EXPORTER: 'zipkin,console' });
    expect(exporters.config.exporters).toEqual(['console']);
    expect(exporters.warnings).toEqual([unknownListEntryWarning('OTEL_TRACES_EXPORTER', 'zipkin', ['otlp', 'jaeger', 'console', 'memory', 'file', 'none'], "the others listed, or the profile's otlp if none is left")]);
    const onlyUnknown = resolve({ NODE_ENV: 'production', OTEL_TRACES_EXPORTER: 'zipkin' });
    expect(onlyUnknown.config.exporters).toEqual(['otlp']);
    const propagators = resolve({ OTEL_PROPAGATORS: 'ottrace' });
    expect(propagators.config.propagators).toEqual(['tracecontext', 'baggage']);
    expect(propagators.warnings).toHaveLength(1);
  });

  it('blank values count as unset, with no warning', () => {
    const { config, warnings } = resolve({ NODE_ENV: ' ', OTEL_TRACES_SAMPLER: '', OTEL_BSP_MAX_QUEUE_SIZE: '  ', OTEL_TRACES_EXPORTER: '' });
    expect(warnings).toEqual([]);
    expect(config.profile).toBe('development');
    expect(config.batch.maxQueueSize).toBe(2048);
  });
});

describe('resolveConfig: bad code options throw a TypeError naming the option', () => {
  it.each([
    [{ samplingRatio: 2 }, 'samplingRatio', 'a number from 0 to 1', 2],
    [{ environment: 'qa' }, 'environment', 'one of production, prod, staging, stage, development, dev, local, test, testing (any case)', 'qa'],
    [{ exporter: 'zipkin' }, 'exporter', 'one of otlp, jaeger, console, memory, file, none, a SpanExporter, or an array of those', 'zipkin'],
    [{ batch: { maxQueueSize: -1 } }, 'batch.maxQueueSize', 'a whole number of at least 1', -1],
    [{ otlp: { endpoint: 'nope' } }, 'otlp.endpoint', 'an absolute http:// or https:// URL', 'nope'],
    [{ shutdownSignals: 'yes' }, 'shutdownSignals', 'true or false', 'yes'],
    [{ serviceName: '' }, 'serviceName', 'a non-empty string', ''],
    [{ propagators: ['w3c'] }, 'propagators', 'an array of tracecontext, baggage, b3, b3multi, jaeger, none', ['w3c']],
  ] as Array<[Record<string, unknown>, string, string, unknown]>)('%j', (options, option, accepted, received) => {
    expect(() => resolveConfig(options as TracingOptions, {})).toThrow(new TypeError(invalidOptionMessage(option, accepted, received)));
  });
});
