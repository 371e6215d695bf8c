import { LOG_PREFIX } from '../config/warnings';

/** Attribute that marks the series collecting every attribute set past an instrument's limit. */
export const OVERFLOW_ATTRIBUTE = 'otel.metric.overflow';

/** Warning, once per instrument, when its number of series reaches the limit. */
export function seriesLimitWarning(metric: string, limit: number): string {
  return `${LOG_PREFIX} metric ${metric} reached its limit of ${limit} series; further attribute sets are counted in one series with ${OVERFLOW_ATTRIBUTE}=true (raise OTEL_BOOTSTRAP_METRICS_SERIES_LIMIT or check what makes the attributes vary).`;
}

/** Warning when the Prometheus endpoint cannot listen; everything else keeps running. */
export function prometheusListenWarning(host: string, port: number, code: string, clusterWorkerId?: number): string {
  const advice =
    clusterWorkerId === undefined
      ? 'Set OTEL_EXPORTER_PROMETHEUS_PORT to a free port.'
      : `This is cluster worker ${clusterWorkerId}: each worker serves its own metrics and needs a port of its own, so give each worker its own OTEL_EXPORTER_PROMETHEUS_PORT (in the env passed to cluster.fork()) and scrape each port.`;
  return `${LOG_PREFIX} the Prometheus metrics endpoint could not listen on ${host}:${port} (${code}); metrics are not served there, tracing and the rest of the service keep running. ${advice}`;
}
