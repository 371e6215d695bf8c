import { describe, expect, it } from 'vitest';
import { applyJaegerClientEnv, describeJaegerClientSources, JAEGER_CLIENT_PROPAGATORS, parseJaegerTags } from '../../../src/config/jaeger-client-env';
import { jaegerEnvWarnings } from '../../../src/config/jaeger-client-warnings';
import { resolveConfig } from '../../../src/config/resolve';
import { describeConfig } from '../../../src/config/describe';
import { SAMPLER_NAMES } from '../../../src/config/sampling-config';

const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'];
const ALL_SAMPLERS = SAMPLER_NAMES;

function mapped(env: Record<string, string>, samplers: readonly string[] = SAMPLERS): ReturnType<typeof applyJaegerClientEnv> {
  return applyJaegerClientEnv(env, samplers);
}

describe('JAEGER_* variables as OTEL_* settings', () => {
  it('without JAEGER_* variables, the environment is returned untouched', () => {
    const env = { OTEL_SERVICE_NAME: 'x' };
    expect(mapped(env)).toEqual({ env, warnings: [], sources: [] });
  });

  it('maps service name, disabling, agent, endpoint, credentials, flush and timeout, and keeps Jaeger propagation', () => {
    const { env, warnings } = mapped({
      JAEGER_SERVICE_NAME: 'billing',
      JAEGER_DISABLED: 'false',
      JAEGER_AGENT_HOST: 'jaeger-agent',
      JAEGER_AGENT_PORT: '6832',
      JAEGER_ENDPOINT: 'http://collector:14268/api/traces',
      JAEGER_USER: 'u',
      JAEGER_PASSWORD: 'p',
      JAEGER_REPORTER_FLUSH_INTERVAL: '1000',
      JAEGER_REPORTER_TIMEOUT: '2500',
    });
    expect(warnings).toEqual([]);
    expect(env).toMatchObject({
      OTEL_SERVICE_NAME: 'billing',
      OTEL_SDK_DISABLED: 'false',
      OTEL_EXPORTER_JAEGER_AGENT_HOST: 'jaeger-agent',
      OTEL_EXPORTER_JAEGER_AGENT_PORT: '6832',
      OTEL_EXPORTER_JAEGER_ENDPOINT: 'http://collector:14268/api/traces',
      OTEL_EXPORTER_JAEGER_USER: 'u',
      OTEL_EXPORTER_JAEGER_PASSWORD: 'p',
      OTEL_TRACES_EXPORTER: 'jaeger',
      OTEL_BSP_SCHEDULE_DELAY: '1000',
      OTEL_BSP_EXPORT_TIMEOUT: '2500',
      OTEL_PROPAGATORS: JAEGER_CLIENT_PROPAGATORS,
    });
  });

  it('JAEGER_DISABLED=true disables; only true and false are read', () => {
    expect(mapped({ JAEGER_DISABLED: 'true' }).env.OTEL_SDK_DISABLED).toBe('true');
    const bad = mapped({ JAEGER_DISABLED: 'yes' });
    expect(bad.env.OTEL_SDK_DISABLED).toBeUndefined();
    expect(bad.warnings).toEqual([jaegerEnvWarnings.invalid('JAEGER_DISABLED', 'yes', 'true or false', 'false (tracing on)')]);
  });

  it('JAEGER_REPORTER_LOG_SPANS=true adds the console exporter beside the Jaeger one (the local agent, as jaeger-client did)', () => {
    expect(mapped({ JAEGER_REPORTER_LOG_SPANS: 'true' }).env.OTEL_TRACES_EXPORTER).toBe('jaeger,console');
    expect(mapped({ JAEGER_REPORTER_LOG_SPANS: 'false', JAEGER_SERVICE_NAME: 'x' }).env.OTEL_TRACES_EXPORTER).toBeUndefined();
  });

  it('only a service name keeps the profile exporter', () => {
    expect(mapped({ JAEGER_SERVICE_NAME: 'x' }).env.OTEL_TRACES_EXPORTER).toBeUndefined();
  });

  it('OTEL_* variables win: each JAEGER_* value fills only an unset one', () => {
    const { env, sources } = mapped({
      JAEGER_SERVICE_NAME: 'from-jaeger',
      OTEL_SERVICE_NAME: 'from-otel',
      JAEGER_AGENT_HOST: 'agent',
      OTEL_TRACES_EXPORTER: 'otlp',
      JAEGER_SAMPLER_TYPE: 'const',
      JAEGER_SAMPLER_PARAM: '1',
      OTEL_TRACES_SAMPLER: 'always_off',
      OTEL_PROPAGATORS: 'tracecontext',
    });
    expect(env).toMatchObject({ OTEL_SERVICE_NAME: 'from-otel', OTEL_TRACES_EXPORTER: 'otlp', OTEL_TRACES_SAMPLER: 'always_off', OTEL_PROPAGATORS: 'tracecontext', OTEL_EXPORTER_JAEGER_AGENT_HOST: 'agent' });
    expect(sources).toEqual([{ setting: 'jaeger.agent', variable: 'OTEL_EXPORTER_JAEGER_AGENT_HOST', from: ['JAEGER_AGENT_HOST'] }]);
  });

  it.each([
    ['const', '1', 'parentbased_always_on', undefined],
    ['const', '0', 'parentbased_always_off', undefined],
    ['probabilistic', '0.25', 'parentbased_traceidratio', '0.25'],
  ])('JAEGER_SAMPLER_TYPE=%s with param %s is %s', (type, param, sampler, arg) => {
    const { env } = mapped({ JAEGER_SAMPLER_TYPE: type, JAEGER_SAMPLER_PARAM: param });
    expect(env.OTEL_TRACES_SAMPLER).toBe(sampler);
    expect(env.OTEL_TRACES_SAMPLER_ARG).toBe(arg);
  });

  it('ratelimiting and remote sampling map onto the rate-limiting and Jaeger remote samplers where they exist', () => {
    expect(mapped({ JAEGER_SAMPLER_TYPE: 'ratelimiting', JAEGER_SAMPLER_PARAM: '2' }, ALL_SAMPLERS).env).toMatchObject({ OTEL_TRACES_SAMPLER: 'parentbased_ratelimiting', OTEL_TRACES_SAMPLER_ARG: '2' });
    const remote = mapped(
      { JAEGER_SAMPLER_TYPE: 'remote', JAEGER_SAMPLER_PARAM: '0.5', JAEGER_SAMPLER_MANAGER_HOST_PORT: 'agent:5778', JAEGER_SAMPLER_REFRESH_INTERVAL: '30000' },
      ALL_SAMPLERS,
    );
    expect(remote.env).toMatchObject({ OTEL_TRACES_SAMPLER: 'parentbased_jaeger_remote', OTEL_TRACES_SAMPLER_ARG: 'endpoint=http://agent:5778/sampling,pollingIntervalMs=30000,initialSamplingRate=0.5' });
    const legacy = mapped({ JAEGER_SAMPLER_TYPE: 'remote', JAEGER_SAMPLER_HOST: 'agent', JAEGER_SAMPLER_SAMPLING_PATH: '/strategies' }, ALL_SAMPLERS);
    expect(legacy.env.OTEL_TRACES_SAMPLER_ARG).toBe('endpoint=http://agent:5778/strategies');
  });

  it('resolveConfig turns JAEGER_SAMPLER_TYPE=remote into the Jaeger remote sampler', () => {
    const { config, warnings } = resolveConfig({ serviceName: 's' }, { JAEGER_SAMPLER_TYPE: 'remote', JAEGER_SAMPLER_MANAGER_HOST_PORT: '127.0.0.1:5778', JAEGER_SAMPLER_PARAM: '0.2' });
    expect(warnings).toEqual([]);
    expect(config.sampler).toMatchObject({ name: 'parentbased_jaeger_remote', jaegerRemote: { endpoint: 'http://127.0.0.1:5778/sampling', initial: { name: 'traceidratio', ratio: 0.2 } } });
    expect(resolveConfig({ serviceName: 's' }, { JAEGER_SAMPLER_TYPE: 'ratelimiting', JAEGER_SAMPLER_PARAM: '3' }).config.sampler).toMatchObject({ name: 'parentbased_ratelimiting', tracesPerSecond: 3 });
  });

  it('where the resolver lacks those samplers, ratelimiting and remote warn once and leave the profile sampler', () => {
    const { env, warnings } = mapped({ JAEGER_SAMPLER_TYPE: 'ratelimiting', JAEGER_SAMPLER_PARAM: '2' });
    expect(env.OTEL_TRACES_SAMPLER).toBeUndefined();
    expect(warnings).toEqual([
      jaegerEnvWarnings.noEquivalent('JAEGER_SAMPLER_TYPE', "ratelimiting sampling needs the parentbased_ratelimiting sampler, which this version does not have; using the profile's sampler"),
    ]);
  });

  it('one warning per unusable or untranslatable setting; the others still apply', () => {
    const { env, warnings } = mapped({
      JAEGER_SERVICE_NAME: 'still-used',
      JAEGER_AGENT_PORT: 'udp',
      JAEGER_ENDPOINT: 'collector:14268',
      JAEGER_SAMPLER_TYPE: 'lowerbound',
      JAEGER_AGENT_SOCKET_TYPE: 'udp6',
      JAEGER_REPORTER_LOG_SPANS: 'yes',
    });
    expect(env.OTEL_SERVICE_NAME).toBe('still-used');
    expect(warnings).toEqual([
      jaegerEnvWarnings.invalid('JAEGER_ENDPOINT', '[not shown]', 'an http:// or https:// URL', 'the agent'),
      jaegerEnvWarnings.invalid('JAEGER_AGENT_PORT', 'udp', 'a whole number from 1 to 65535', '6832'),
      jaegerEnvWarnings.invalid('JAEGER_REPORTER_LOG_SPANS', 'yes', 'true or false', 'false'),
      jaegerEnvWarnings.noEquivalent('JAEGER_AGENT_SOCKET_TYPE', 'the Thrift exporter picks the socket family from the agent address'),
      jaegerEnvWarnings.invalid('JAEGER_SAMPLER_TYPE', 'lowerbound', 'one of const, probabilistic, ratelimiting, remote', "the profile's sampler"),
    ]);
  });

  it('sampler settings without a sampler type warn; a type without its param warns', () => {
    expect(mapped({ JAEGER_SAMPLER_PARAM: '1' }).warnings).toEqual([jaegerEnvWarnings.needsSamplerType('JAEGER_SAMPLER_PARAM')]);
    expect(mapped({ JAEGER_SAMPLER_TYPE: 'const' }).warnings).toEqual([jaegerEnvWarnings.needsParam('const', '0 or 1', "the profile's sampler")]);
    expect(mapped({ JAEGER_SAMPLER_TYPE: 'probabilistic', JAEGER_SAMPLER_PARAM: '7' }).warnings).toEqual([
      jaegerEnvWarnings.invalid('JAEGER_SAMPLER_PARAM', '7', 'a number from 0 to 1', "the profile's sampler"),
    ]);
  });

  it('deprecated jaeger-client names are read, with one warning naming the current one', () => {
    const { env, warnings } = mapped({ JAEGER_REPORTER_AGENT_HOST: 'old-agent', JAEGER_DISABLE: 'true' });
    expect(env).toMatchObject({ OTEL_EXPORTER_JAEGER_AGENT_HOST: 'old-agent', OTEL_SDK_DISABLED: 'true' });
    expect(warnings).toEqual([jaegerEnvWarnings.deprecated('JAEGER_DISABLE', 'JAEGER_DISABLED'), jaegerEnvWarnings.deprecated('JAEGER_REPORTER_AGENT_HOST', 'JAEGER_AGENT_HOST')]);
  });

  it('JAEGER_TAGS with ${ENV:default} become resource attributes; OTEL_RESOURCE_ATTRIBUTES keys win', () => {
    expect(parseJaegerTags('region=${REGION:eu-1}, pod=${POD_NAME:}, team=pay ments, bad', { POD_NAME: 'pod-7' }, () => undefined)).toEqual({ region: 'eu-1', pod: 'pod-7', team: 'pay ments' });
    const { env, warnings } = mapped({ JAEGER_TAGS: 'region=${REGION:eu-1},team=pay ments,version=2,bad', OTEL_RESOURCE_ATTRIBUTES: 'version=3', REGION: 'us-2' });
    expect(warnings).toEqual([jaegerEnvWarnings.invalidTag('bad')]);
    const { config } = resolveConfig({ serviceName: 's' }, env);
    expect(config.resourceAttributes).toMatchObject({ region: 'us-2', team: 'pay ments', version: '3' });
  });

  it('resolveConfig applies the mapping and reports where each value came from', () => {
    const result = resolveConfig({}, { NODE_ENV: 'production', JAEGER_SERVICE_NAME: 'billing', JAEGER_SAMPLER_TYPE: 'const', JAEGER_SAMPLER_PARAM: '1', JAEGER_AGENT_HOST: '127.0.0.1' });
    expect(describeConfig(result.config)).toMatchObject({
      serviceName: 'billing',
      sampler: 'parentbased_always_on',
      exporters: ['jaeger'],
      jaeger: { agent: '127.0.0.1:6832' },
      propagators: ['tracecontext', 'baggage', 'jaeger'],
    });
    expect(describeJaegerClientSources(result.jaegerClientSources)).toEqual({
      serviceName: 'JAEGER_SERVICE_NAME',
      'jaeger.agent': 'JAEGER_AGENT_HOST',
      exporters: 'JAEGER_AGENT_HOST',
      sampler: 'JAEGER_SAMPLER_TYPE, JAEGER_SAMPLER_PARAM',
      propagators: 'JAEGER_SERVICE_NAME, JAEGER_AGENT_HOST, JAEGER_SAMPLER_TYPE, JAEGER_SAMPLER_PARAM',
    });
    expect(result.warnings).toEqual([]);
  });

  it('code options still win over JAEGER_* values', () => {
    const { config } = resolveConfig({ serviceName: 'code', exporter: 'memory' }, { JAEGER_SERVICE_NAME: 'env', JAEGER_AGENT_HOST: 'agent' });
    expect(config.serviceName).toBe('code');
    expect(config.exporters).toEqual(['memory']);
  });
});
