import type { MetricsRequestHandler } from './metrics-handler';

/** What `metricsHandler()` serves when metrics are off: a 404 that says how to turn them on. */
export const metricsOffHandler: MetricsRequestHandler = (_request, response) => {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('metrics are off: set OTEL_METRICS_EXPORTER=prometheus (or metricsExporter in init())\n');
};
