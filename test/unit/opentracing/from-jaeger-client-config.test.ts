import { describe, expect, it } from 'vitest';
import { jaegerEnvWarnings } from '../../../src/config/jaeger-client-warnings';
import { resolveConfig } from '../../../src/config/resolve';
import { fromJaegerClientConfig } from '../../../src/opentracing';

describe('fromJaegerClientConfig', () => {
  it('maps the service name, a const sampler, the agent reporter with logSpans, and tags', () => {
    const options = fromJaegerClientConfig(
      { serviceName: 'billing', sampler: { type: 'const', param: 1 }, reporter: { logSpans: true, agentHost: 'jaeger-agent', agentPort: 6832, flushIntervalMs: 2000 } },
      { tags: { 'billing.version': '1.1.2', shard: 3 } },
    );
    expect(options).toEqual({
      serviceName: 'billing',
      sampler: 'parentbased_always_on',
      exporter: ['jaeger', 'console'],
      jaeger: { agentHost: 'jaeger-agent', agentPort: 6832 },
      batch: { scheduledDelayMillis: 2000 },
      resourceAttributes: { 'billing.version': '1.1.2', shard: 3 },
      propagators: ['tracecontext', 'baggage', 'jaeger'],
    });
    const { config, warnings } = resolveConfig(options, {});
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({ serviceName: 'billing', exporters: ['jaeger', 'console'], jaeger: { agentHost: 'jaeger-agent', agentPort: 6832 }, sampler: { name: 'parentbased_always_on' } });
  });

  it('maps probabilistic and const 0 samplers, the collector endpoint with credentials and timeout, and disable', () => {
    expect(fromJaegerClientConfig({ sampler: { type: 'probabilistic', param: 0.1 } })).toMatchObject({ sampler: 'parentbased_traceidratio', samplingRatio: 0.1 });
    expect(fromJaegerClientConfig({ sampler: { type: 'const', param: 0 } })).toMatchObject({ sampler: 'parentbased_always_off' });
    expect(fromJaegerClientConfig({ disable: true })).toMatchObject({ enabled: false });
    expect(fromJaegerClientConfig({ reporter: { collectorEndpoint: 'http://collector:14268/api/traces', username: 'u', password: 'p', timeoutMs: 3000 } })).toMatchObject({
      exporter: ['jaeger'],
      jaeger: { endpoint: 'http://collector:14268/api/traces', username: 'u', password: 'p' },
      batch: { exportTimeoutMillis: 3000 },
    });
  });

  it('maps ratelimiting and remote samplers onto the rate-limiting and Jaeger remote samplers', () => {
    const limited = fromJaegerClientConfig({ sampler: { type: 'ratelimiting', param: 2 } });
    expect(limited).toMatchObject({ sampler: 'parentbased_ratelimiting', tracesPerSecond: 2 });
    expect(resolveConfig({ ...limited, serviceName: 's' }, {}).config.sampler).toMatchObject({ name: 'parentbased_ratelimiting', tracesPerSecond: 2 });
    const remote = fromJaegerClientConfig({ sampler: { type: 'remote', param: 0.5, hostPort: '127.0.0.1:5778', refreshIntervalMs: 30_000 } });
    expect(remote).toMatchObject({ sampler: 'parentbased_jaeger_remote', jaegerRemote: { endpoint: 'http://127.0.0.1:5778/sampling', pollingIntervalMs: 30_000, initialSamplingRate: 0.5 } });
    const legacy = fromJaegerClientConfig({ sampler: { type: 'remote', param: 0.1, host: '127.0.0.1', port: 5779, samplingPath: '/strategies' } });
    expect(legacy.jaegerRemote?.endpoint).toBe('http://127.0.0.1:5779/strategies');
    const { config, warnings } = resolveConfig({ ...remote, serviceName: 's' }, {});
    expect(warnings).toEqual([]);
    expect(config.sampler).toMatchObject({ name: 'parentbased_jaeger_remote', jaegerRemote: { endpoint: 'http://127.0.0.1:5778/sampling', pollingIntervalMs: 30_000 } });
  });

  it('without a reporter destination, export follows the profile', () => {
    expect(fromJaegerClientConfig({ serviceName: 'x' })).not.toHaveProperty('exporter');
  });

  it('settings with no equivalent warn once each, when init() resolves the options (spread keeps them)', () => {
    const options = fromJaegerClientConfig(
      { serviceName: 'x', reporter: { agentSocketType: 'udp4' }, throttler: { host: 'h' } },
      { metrics: {}, logger: {}, shareRpcSpan: true, traceId128bit: false },
    );
    const { warnings } = resolveConfig({ ...options, exporter: 'memory' }, {});
    expect(warnings).toEqual([
      jaegerEnvWarnings.noEquivalent('config.throttler', 'debug traces are sampled by the sampling layer, without a throttler'),
      jaegerEnvWarnings.noEquivalent('options.metrics', "jaeger-client's tracer metrics (the Prometheus metrics factory) are not produced; count requests from spans or with your metrics library"),
      jaegerEnvWarnings.noEquivalent('options.logger', 'diagnostics go through the OpenTelemetry diag logger: diag.setLogger(yourLogger) after init(), and logLevel'),
      jaegerEnvWarnings.noEquivalent('options.shareRpcSpan', 'client and server always get spans of their own'),
      jaegerEnvWarnings.noEquivalent('options.traceId128bit=false', 'trace ids are always 128-bit; 64-bit Jaeger ids from neighbours are still read'),
      jaegerEnvWarnings.noEquivalent('reporter.agentSocketType', 'the Thrift exporter picks the socket family from the agent address'),
    ]);
    expect(JSON.stringify(options)).not.toContain('warning');
  });

  it.each([
    ['config', 'not a config', 'config must be an object'],
    ['sampler type', { sampler: { type: 'adaptive', param: 1 } }, 'config.sampler.type must be one of const, probabilistic, ratelimiting, remote'],
    ['sampler param', { sampler: { type: 'const', param: '1' } }, 'config.sampler.param must be a number (jaeger-client requires it)'],
    ['probabilistic range', { sampler: { type: 'probabilistic', param: 2 } }, 'config.sampler.param must be a ratio from 0 to 1 for the probabilistic sampler'],
    ['agent port', { reporter: { agentPort: 70000 } }, 'config.reporter.agentPort must be a port number from 1 to 65535'],
    ['endpoint', { reporter: { collectorEndpoint: 'collector:14268' } }, 'config.reporter.collectorEndpoint must be an http:// or https:// URL'],
  ])('a wrong %s throws a TypeError naming it', (_what, config, message) => {
    expect(() => fromJaegerClientConfig(config as never)).toThrow(new TypeError(`otel-bootstrap: fromJaegerClientConfig() ${message}.`));
  });
});
