import type { Attributes } from '@opentelemetry/api';
import { attributesJson, doubleJson } from '../../export/otlp/encode-json';
import { unixNanosString } from '../../export/otlp/unix-nanos';
import { millisToHrTime } from '../../sdk/time';
import type { Exemplar, HistogramPoint, NumberPoint } from '../metric-data';
import { METRICS_SCOPE } from './scope';
import type { ExportedMetric, MetricsExport } from './temporality';

const DELTA = 1;
const CUMULATIVE = 2;

const nanos = (millis: number): string => `"${unixNanosString(millisToHrTime(millis))}"`;

/** Encodes one push as an OTLP/JSON `ExportMetricsServiceRequest` (64-bit integers as strings, ids as hex). */
export function encodeMetricsRequestJson(batch: MetricsExport, resource: Attributes): Buffer {
  const metrics = batch.metrics.filter((exported) => exported.metric.points.length > 0).map((exported) => metricJson(exported, batch.timeMillis));
  const scope = `{"name":${JSON.stringify(METRICS_SCOPE.name)},"version":${JSON.stringify(METRICS_SCOPE.version)}}`;
  return Buffer.from(`{"resourceMetrics":[{"resource":{"attributes":${attributesJson(resource)}},"scopeMetrics":[{"scope":${scope},"metrics":[${metrics.join(',')}]}]}]}`, 'utf8');
}

function metricJson(exported: ExportedMetric, timeMillis: number): string {
  const { metric, startTimeMillis } = exported;
  const head = `{"name":${JSON.stringify(metric.name)},"description":${JSON.stringify(metric.description)},"unit":${JSON.stringify(metric.unit)}`;
  const temporality = exported.temporality === 'delta' ? DELTA : CUMULATIVE;
  switch (metric.kind) {
    case 'gauge':
      return `${head},"gauge":{"dataPoints":[${metric.points.map((point) => numberPointJson(point, startTimeMillis, timeMillis)).join(',')}]}}`;
    case 'sum':
      return `${head},"sum":{"dataPoints":[${metric.points.map((point) => numberPointJson(point, startTimeMillis, timeMillis)).join(',')}],"aggregationTemporality":${temporality},"isMonotonic":${metric.monotonic}}}`;
    case 'histogram':
      return `${head},"histogram":{"dataPoints":[${metric.points.map((point) => histogramPointJson(point, metric.boundaries, startTimeMillis, timeMillis)).join(',')}],"aggregationTemporality":${temporality}}}`;
  }
}

function numberPointJson(point: NumberPoint, startMillis: number, timeMillis: number): string {
  return `{"attributes":${attributesJson(point.attributes)},"startTimeUnixNano":${nanos(startMillis)},"timeUnixNano":${nanos(timeMillis)},"asDouble":${doubleJson(point.value)}}`;
}

function histogramPointJson(point: HistogramPoint, boundaries: readonly number[], startMillis: number, timeMillis: number): string {
  let out = `{"attributes":${attributesJson(point.attributes)},"startTimeUnixNano":${nanos(startMillis)},"timeUnixNano":${nanos(timeMillis)}`;
  out += `,"count":"${point.count}","sum":${doubleJson(point.sum)}`;
  out += `,"bucketCounts":[${point.bucketCounts.map((count) => `"${count}"`).join(',')}],"explicitBounds":[${boundaries.map(doubleJson).join(',')}]`;
  if (point.exemplars.length > 0) out += `,"exemplars":[${point.exemplars.map(exemplarJson).join(',')}]`;
  if (point.count > 0 && Number.isFinite(point.min)) out += `,"min":${doubleJson(point.min)}`;
  if (point.count > 0 && Number.isFinite(point.max)) out += `,"max":${doubleJson(point.max)}`;
  return `${out}}`;
}

function exemplarJson(exemplar: Exemplar): string {
  return `{"timeUnixNano":${nanos(exemplar.timeMillis)},"asDouble":${doubleJson(exemplar.value)},"spanId":"${exemplar.spanId}","traceId":"${exemplar.traceId}"}`;
}
