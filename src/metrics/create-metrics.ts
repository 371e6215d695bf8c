import type { Attributes } from '@opentelemetry/api';
import type { ResolvedConfig } from '../config/options';
import { createPathMatcher } from '../instrumentation/path-matcher';
import { HttpClientMetrics } from './http/http-client-metrics';
import { HttpServerMetrics } from './http/http-server-metrics';
import { MetricsPipeline, type StartableProducer } from './metrics-pipeline';
import { OtlpMetricsReader } from './otlp/otlp-metrics-reader';
import { PrometheusEndpoint } from './prometheus/prometheus-endpoint';
import { RuntimeMetrics } from './runtime/runtime-metrics';

type MetricsSettings = Pick<ResolvedConfig, 'metrics' | 'ignorePaths' | 'httpInstrumentation' | 'instrumentations'>;

/** Whether the package's own HTTP instrumentation traces incoming requests (it then reports them to the metrics). */
function leanHttpTraces(config: MetricsSettings): boolean {
  const { enabled, objects } = config.instrumentations;
  return config.httpInstrumentation === 'lean' && objects.length === 0 && (enabled.includes('http') || enabled.includes('all'));
}

/**
 * Builds the metrics pipeline the configuration asks for: HTTP server and client durations on
 * every request, the tracer's own metrics (`extraProducers`), runtime metrics, and the Prometheus
 * endpoint and OTLP push. Returns undefined when metrics are off.
 */
export function createMetricsPipeline(config: MetricsSettings, resource: Attributes, extraProducers: readonly StartableProducer[]): MetricsPipeline | undefined {
  const { metrics } = config;
  if (metrics.exporters.length === 0) return undefined;
  const producers: StartableProducer[] = [
    new HttpServerMetrics({ seriesLimit: metrics.seriesLimit, source: leanHttpTraces(config) ? 'instrumentation' : 'channel', ignore: createPathMatcher(config.ignorePaths) }),
    new HttpClientMetrics({ seriesLimit: metrics.seriesLimit, http: true, fetch: true }),
    ...extraProducers,
  ];
  if (metrics.runtime) producers.push(new RuntimeMetrics());
  const pipeline = new MetricsPipeline(producers, resource);
  if (metrics.exporters.includes('prometheus') && metrics.prometheus.port !== false) {
    pipeline.addReader(new PrometheusEndpoint(metrics.prometheus.host, metrics.prometheus.port, pipeline.handler));
  }
  if (metrics.exporters.includes('otlp')) pipeline.addReader(new OtlpMetricsReader(metrics.otlp, () => pipeline.collect(), resource));
  return pipeline;
}
