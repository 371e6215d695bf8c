import { describe, expect, it } from 'vitest';
import { describeConfig } from '../../../src/config/describe';
import { resolveConfig } from '../../../src/config/resolve';
import { missingSamplerArgWarning } from '../../../src/config/sampling-config';
import { invalidEnvWarning } from '../../../src/config/warnings';
import { createSampler } from '../../../src/sampling/create-sampler';

const resolve = (env: Record<string, string>, options = {}) => resolveConfig({ serviceName: 'svc', ...options }, env);
const JAEGER_FORM = 'endpoint=<http URL>,pollingIntervalMs=<100 to 86400000>,initialSamplingRate=<0 to 1>';

describe('parentbased_ratelimiting from the environment', () => {
  it('reads traces per second from OTEL_TRACES_SAMPLER_ARG', () => {
    const { config, warnings } = resolve({ OTEL_TRACES_SAMPLER: 'parentbased_ratelimiting', OTEL_TRACES_SAMPLER_ARG: '25' });
    expect(warnings).toEqual([]);
    expect(config.sampler).toEqual({ name: 'parentbased_ratelimiting', ratio: 1, tracesPerSecond: 25 });
    expect(describeConfig(config).sampler).toBe('parentbased_ratelimiting (25/s)');
    expect(createSampler(config.sampler).toString()).toContain('root=RateLimitingSampler{25}');
  });

  it.each(['abc', '-1', '2000000'])('a bad argument %s warns once and falls back to the profile sampler, naming it', (arg) => {
    const { config, warnings } = resolve({ NODE_ENV: 'production', OTEL_TRACES_SAMPLER: 'parentbased_ratelimiting', OTEL_TRACES_SAMPLER_ARG: arg });
    expect(warnings).toEqual([invalidEnvWarning('OTEL_TRACES_SAMPLER_ARG', arg, 'a number from 0 to 1000000', "the profile's parentbased_traceidratio (0.01)")]);
    expect(config.sampler).toEqual({ name: 'parentbased_traceidratio', ratio: 0.01 });
  });

  it('a missing argument warns once and falls back', () => {
    const { config, warnings } = resolve({ NODE_ENV: 'staging', OTEL_TRACES_SAMPLER: 'parentbased_ratelimiting' });
    expect(warnings).toEqual([missingSamplerArgWarning('parentbased_ratelimiting', 'traces per second, a number from 0 to 1000000', "the profile's parentbased_traceidratio (0.1)")]);
    expect(config.sampler).toEqual({ name: 'parentbased_traceidratio', ratio: 0.1 });
  });

  it('in code it needs tracesPerSecond', () => {
    expect(resolveConfig({ sampler: 'parentbased_ratelimiting', tracesPerSecond: 3 }).config.sampler).toEqual({ name: 'parentbased_ratelimiting', ratio: 1, tracesPerSecond: 3 });
    expect(() => resolveConfig({ sampler: 'parentbased_ratelimiting' })).toThrow(TypeError);
    expect(() => resolveConfig({ sampler: 'parentbased_ratelimiting', tracesPerSecond: -1 })).toThrow(/"tracesPerSecond" must be a number of at least 0/);
  });
});

describe('jaeger_remote from the environment', () => {
  it('reads the specification argument names', () => {
    const { config, warnings } = resolve({
      OTEL_TRACES_SAMPLER: 'jaeger_remote',
      OTEL_TRACES_SAMPLER_ARG: 'endpoint=http://127.0.0.1:5778/sampling,pollingIntervalMs=5000,initialSamplingRate=0.25',
    });
    expect(warnings).toEqual([]);
    expect(config.sampler).toEqual({
      name: 'jaeger_remote',
      ratio: 0.25,
      jaegerRemote: { endpoint: 'http://127.0.0.1:5778/sampling', pollingIntervalMs: 5000, initial: { name: 'traceidratio', ratio: 0.25 } },
    });
    expect(describeConfig(config).sampler).toBe('jaeger_remote (http://127.0.0.1:5778/sampling every 5000 ms; until then traceidratio (0.25))');
  });

  it('without an argument uses the defaults and the profile sampler until a first strategy arrives', () => {
    const { config } = resolve({ NODE_ENV: 'production', OTEL_TRACES_SAMPLER: 'parentbased_jaeger_remote' });
    expect(config.sampler).toEqual({
      name: 'parentbased_jaeger_remote',
      ratio: 0.01,
      jaegerRemote: { endpoint: 'http://localhost:5778/sampling', pollingIntervalMs: 60_000, initial: { name: 'parentbased_traceidratio', ratio: 0.01 } },
    });
  });

  it.each([
    'endpoint=ftp://127.0.0.1/x',
    'pollingIntervalMs=5',
    'pollingIntervalMs=fast',
    'initialSamplingRate=2',
    'colour=blue',
    'no-equals-sign',
  ])('a bad argument %s warns once and falls back to the profile sampler', (arg) => {
    const { config, warnings } = resolve({ NODE_ENV: 'production', OTEL_TRACES_SAMPLER: 'jaeger_remote', OTEL_TRACES_SAMPLER_ARG: arg });
    expect(warnings).toEqual([invalidEnvWarning('OTEL_TRACES_SAMPLER_ARG', arg, JAEGER_FORM, "the profile's parentbased_traceidratio (0.01)")]);
    expect(config.sampler).toEqual({ name: 'parentbased_traceidratio', ratio: 0.01 });
  });

  it('code options win and are checked', () => {
    const { config } = resolveConfig({ sampler: 'jaeger_remote', jaegerRemote: { endpoint: 'http://127.0.0.1:1/s', pollingIntervalMs: 1000 } }, { OTEL_TRACES_SAMPLER_ARG: 'garbage' });
    expect(config.sampler).toMatchObject({ jaegerRemote: { endpoint: 'http://127.0.0.1:1/s', pollingIntervalMs: 1000 } });
    expect(() => resolveConfig({ jaegerRemote: { pollingIntervalMs: 5 } })).toThrow(/"jaegerRemote.pollingIntervalMs" must be a whole number of at least 100/);
    expect(() => resolveConfig({ jaegerRemote: { endpoint: 'nope' } })).toThrow(/"jaegerRemote.endpoint"/);
  });
});

describe('tail sampling on the service side', () => {
  it('OTEL_BOOTSTRAP_TAIL_SAMPLING=true samples everything and tunes the batch for a nearby collector', () => {
    const { config, warnings } = resolve({ NODE_ENV: 'production', OTEL_BOOTSTRAP_TAIL_SAMPLING: 'true' });
    expect(warnings).toEqual([]);
    expect(config.tailSampling).toBe(true);
    expect(config.sampler).toEqual({ name: 'parentbased_always_on', ratio: 1 });
    expect(config.batch).toEqual({ maxQueueSize: 8192, scheduledDelayMillis: 1000, exportTimeoutMillis: 10000, maxExportBatchSize: 1024 });
  });

  it('explicit sampler and batch values still win', () => {
    const { config } = resolve({ OTEL_BOOTSTRAP_TAIL_SAMPLING: 'true', OTEL_BSP_SCHEDULE_DELAY: '200' }, { sampler: 'parentbased_traceidratio', samplingRatio: 0.5 });
    expect(config.sampler).toEqual({ name: 'parentbased_traceidratio', ratio: 0.5 });
    expect(config.batch.scheduledDelayMillis).toBe(200);
    expect(resolveConfig({ tailSampling: true }).config.batch.maxQueueSize).toBe(8192);
  });
});

describe('debug headers and routes', () => {
  it('default to jaeger-debug-id and x-debug-trace=1; none turns them off; the summary hides values', () => {
    const defaults = resolve({});
    expect(defaults.config.sampling.debugHeaders).toEqual([{ name: 'jaeger-debug-id' }, { name: 'x-debug-trace', value: '1' }]);
    expect(describeConfig(defaults.config).debugHeaders).toEqual(['jaeger-debug-id', 'x-debug-trace=[REDACTED]']);
    expect(resolve({ OTEL_BOOTSTRAP_DEBUG_HEADERS: 'none' }).config.sampling.debugHeaders).toEqual([]);
    expect(resolve({ OTEL_BOOTSTRAP_DEBUG_HEADERS: 'X-Trace-Me=yes' }).config.sampling.debugHeaders).toEqual([{ name: 'x-trace-me', value: 'yes' }]);
  });

  it('routes come from OTEL_BOOTSTRAP_SAMPLING_ROUTES and the rules', () => {
    const { config } = resolve({ OTEL_BOOTSTRAP_SAMPLING_ROUTES: '/users/:id,/orders/:id', OTEL_BOOTSTRAP_SAMPLING_RULES: '[{"route":"/checkout/:id","sampleRate":1},{"route":"/x*","drop":true}]' });
    expect(config.sampling.routes).toEqual(['/checkout/:id', '/users/:id', '/orders/:id']);
  });
});
