import { describe, expect, it } from 'vitest';
import { invalidOptionMessage } from '../../../src/config/errors';
import type { EnvMap } from '../../../src/config/env';
import type { TracingOptions } from '../../../src/config/options';
import { resolveConfig } from '../../../src/config/resolve';
import { invalidEnvWarning, unknownListEntryWarning } from '../../../src/config/warnings';

const resolve = (env: EnvMap, options: TracingOptions = {}) => resolveConfig(options, { OTEL_SERVICE_NAME: 'svc', ...env });

describe('metrics configuration', () => {
  it.each([
    ['production', ['prometheus']],
    ['staging', ['prometheus']],
    ['development', []],
    ['test', []],
  ])('the %s profile exports metrics to %j by default', (profile, exporters) => {
    expect(resolve({ NODE_ENV: profile }).config.metrics.exporters).toEqual(exporters);
  });

  it('reads OTEL_METRICS_EXPORTER, the Prometheus address and the OTLP metrics variables', () => {
    const { config, warnings } = resolve({
      NODE_ENV: 'development',
      OTEL_METRICS_EXPORTER: 'prometheus,otlp',
      OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0',
      OTEL_EXPORTER_PROMETHEUS_PORT: '9100',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'x-key=1',
      OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '2000',
      OTEL_METRIC_EXPORT_INTERVAL: '15000',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta',
      OTEL_BOOTSTRAP_RUNTIME_METRICS: 'false',
      OTEL_BOOTSTRAP_METRICS_SERIES_LIMIT: '500',
    });
    expect(warnings).toEqual([]);
    expect(config.metrics).toEqual({
      exporters: ['prometheus', 'otlp'],
      prometheus: { host: '0.0.0.0', port: 9100 },
      otlp: { url: 'http://collector:4318/v1/metrics', protocol: 'http/json', headers: { 'x-key': '1' }, timeoutMillis: 2000, intervalMillis: 15000, temporality: 'delta' },
      runtime: false,
      seriesLimit: 500,
    });
  });

  it('the metrics endpoint variable is used as is; none wins over the others', () => {
    expect(resolve({ OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://c:4318/custom' }).config.metrics.otlp.url).toBe('http://c:4318/custom');
    expect(resolve({ NODE_ENV: 'production', OTEL_METRICS_EXPORTER: 'prometheus,none' }).config.metrics.exporters).toEqual([]);
  });

  it('invalid values warn once, naming the variable, the value and what is used', () => {
    const { config, warnings } = resolve({
      NODE_ENV: 'production',
      OTEL_METRICS_EXPORTER: 'statsd',
      OTEL_EXPORTER_PROMETHEUS_PORT: '99999',
      OTEL_METRIC_EXPORT_INTERVAL: 'often',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'sometimes',
      OTEL_BOOTSTRAP_LOG_CORRELATION: 'yes',
    });
    expect(config.metrics.exporters).toEqual(['prometheus']);
    expect(config.metrics.prometheus.port).toBe(9464);
    expect(config.metrics.otlp.intervalMillis).toBe(60000);
    expect(config.logCorrelation).toBe(true);
    expect([...warnings].sort()).toEqual([
      invalidEnvWarning('OTEL_EXPORTER_PROMETHEUS_PORT', '99999', 'a whole number from 0 to 65535', '9464'),
      invalidEnvWarning('OTEL_METRIC_EXPORT_INTERVAL', 'often', 'a whole number from 100 to 86400000', '60000'),
      invalidEnvWarning('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', 'sometimes', 'one of cumulative, delta, lowmemory', 'cumulative'),
      unknownListEntryWarning('OTEL_METRICS_EXPORTER', 'statsd', ['prometheus', 'otlp', 'none'], "the others listed, or the profile's prometheus if none is left"),
      invalidEnvWarning('OTEL_BOOTSTRAP_LOG_CORRELATION', 'yes', 'true or false', 'true'),
    ].sort());
  });

  it('grpc in the shared protocol variable (for traces) leaves metrics on http/protobuf without a warning', () => {
    const { config, warnings } = resolve({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expect(config.metrics.otlp.protocol).toBe('http/protobuf');
    expect(warnings).toEqual([]);
  });

  it('code options win and are validated', () => {
    const { config } = resolve({ OTEL_METRICS_EXPORTER: 'otlp' }, { metricsExporter: 'prometheus', prometheus: { port: false }, metricsSeriesLimit: 10, logCorrelation: false });
    expect(config.metrics.exporters).toEqual(['prometheus']);
    expect(config.metrics.prometheus.port).toBe(false);
    expect(config.metrics.seriesLimit).toBe(10);
    expect(config.logCorrelation).toBe(false);
    expect(() => resolve({}, { metricsExporter: 'statsd' as never })).toThrow(new TypeError(invalidOptionMessage('metricsExporter', 'one of prometheus, otlp, none, or an array of those', 'statsd')));
    expect(() => resolve({}, { prometheus: { port: 70000 } })).toThrow(TypeError);
    expect(() => resolve({}, { otlpMetrics: { temporality: 'x' as never } })).toThrow(TypeError);
  });
});
