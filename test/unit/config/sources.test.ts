import { describe, expect, it } from 'vitest';
import { describeConfig } from '../../../src/config/describe';
import { resolveConfig } from '../../../src/config/resolve';
import { describeSource, SOURCE_KEYS } from '../../../src/config/sources';

describe('configuration sources', () => {
  it('names the code option, the variable, the profile, package.json or the default for each value', () => {
    const { sources } = resolveConfig(
      { serviceName: 'from-code', batch: { maxQueueSize: 100 } },
      { NODE_ENV: 'production', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'nonsense', OTEL_BSP_SCHEDULE_DELAY: '100', OTEL_BSP_EXPORT_TIMEOUT: 'soon', OTEL_EXPORTER_OTLP_HEADERS: 'a=b' },
      { name: 'pkg', version: '1.2.3' },
    );
    expect(sources.serviceName).toEqual([{ kind: 'code', name: 'serviceName' }]);
    expect(sources.serviceVersion).toEqual([{ kind: 'package.json' }]);
    expect(sources.profile).toEqual([{ kind: 'env', name: 'NODE_ENV' }]);
    expect(sources.sampler).toEqual([{ kind: 'profile', name: 'production' }]);
    expect(sources.exporters).toEqual([{ kind: 'profile', name: 'production' }]);
    expect(sources['batch.maxQueueSize']).toEqual([{ kind: 'code', name: 'batch.maxQueueSize' }]);
    expect(sources['batch.scheduledDelayMillis']).toEqual([{ kind: 'env', name: 'OTEL_BSP_SCHEDULE_DELAY' }]);
    // An invalid value only warns: the default is what is used, and that is the source shown.
    expect(sources['batch.exportTimeoutMillis']).toEqual([{ kind: 'default' }]);
    expect(sources['otlp.url']).toEqual([{ kind: 'env', name: 'OTEL_EXPORTER_OTLP_ENDPOINT' }]);
    expect(sources['otlp.headers']).toEqual([{ kind: 'env', name: 'OTEL_EXPORTER_OTLP_HEADERS' }]);
    expect(sources.propagators).toEqual([{ kind: 'default' }]);
  });

  it('follows the precedence of the variables that stand in for one another', () => {
    const { sources } = resolveConfig({}, { OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '500', OTEL_EXPORTER_OTLP_TIMEOUT: '900', OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.5', OTEL_RESOURCE_ATTRIBUTES: 'service.name=res,deployment.environment.name=staging' });
    expect(sources['otlp.timeoutMillis']).toEqual([{ kind: 'env', name: 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT' }]);
    expect(sources.sampler).toEqual([{ kind: 'env', name: 'OTEL_TRACES_SAMPLER' }, { kind: 'env', name: 'OTEL_TRACES_SAMPLER_ARG' }]);
    expect(sources.serviceName).toEqual([{ kind: 'env', name: 'OTEL_RESOURCE_ATTRIBUTES' }]);
    expect(sources.profile).toEqual([{ kind: 'env', name: 'OTEL_RESOURCE_ATTRIBUTES' }]);
    expect(describeSource(sources.sampler)).toBe('env: OTEL_TRACES_SAMPLER + env: OTEL_TRACES_SAMPLER_ARG');
  });

  it('names the tail-sampling preset as the source of the values it sets', () => {
    const { sources } = resolveConfig({}, { OTEL_BOOTSTRAP_TAIL_SAMPLING: 'true', OTEL_BSP_MAX_QUEUE_SIZE: '100' });
    expect(sources.tailSampling).toEqual([{ kind: 'env', name: 'OTEL_BOOTSTRAP_TAIL_SAMPLING' }]);
    expect(sources.sampler).toEqual([{ kind: 'preset', name: 'tailSampling' }]);
    expect(sources['batch.scheduledDelayMillis']).toEqual([{ kind: 'preset', name: 'tailSampling' }]);
    expect(sources['batch.maxQueueSize']).toEqual([{ kind: 'env', name: 'OTEL_BSP_MAX_QUEUE_SIZE' }]);
  });

  it('has a source for every value of the configuration summary', () => {
    // Every exporter, so that the summary lists the settings of each.
    const { config } = resolveConfig({ exporter: ['otlp', 'jaeger', 'file', 'console'] }, {});
    const nested = new Set(['batch', 'otlp', 'jaeger', 'file', 'console', 'captureHeaders']);
    const keys = Object.entries(describeConfig(config)).flatMap(([key, value]) => (nested.has(key) ? Object.keys(value as object).map((inner) => `${key}.${inner}`) : [key]));
    expect([...keys].sort()).toEqual([...SOURCE_KEYS].sort());
  });

  it('names the JAEGER_* variables that filled an unset OTEL_* variable', () => {
    const { sources } = resolveConfig({}, { JAEGER_SERVICE_NAME: 'legacy', JAEGER_ENDPOINT: 'http://127.0.0.1:14268/api/traces', OTEL_EXPORTER_JAEGER_USER: 'u' });
    expect(sources.serviceName).toEqual([{ kind: 'jaeger-client', name: 'JAEGER_SERVICE_NAME' }]);
    expect(sources['jaeger.endpoint']).toEqual([{ kind: 'jaeger-client', name: 'JAEGER_ENDPOINT' }]);
    expect(sources['jaeger.username']).toEqual([{ kind: 'env', name: 'OTEL_EXPORTER_JAEGER_USER' }]);
  });

  it('leaves what resolveConfig returned before unchanged', () => {
    const env = { NODE_ENV: 'staging', OTEL_SERVICE_NAME: 'svc' };
    const { config, warnings } = resolveConfig({}, env);
    expect(config.profile).toBe('staging');
    expect(warnings).toEqual([]);
  });
});
