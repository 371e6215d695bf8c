import type { Attributes } from '@opentelemetry/api';
import type { Exemplar, HistogramMetric, MetricData, MetricsSnapshot, NumberPoint } from '../metric-data';
import { prometheusFamilyName, prometheusLabelName } from './metric-names';

/** The two exposition formats: Prometheus text 0.0.4, and OpenMetrics 1.0 (which carries exemplars). */
export type ExpositionFormat = 'text' | 'openmetrics';

/** Content types of the two formats. */
export const CONTENT_TYPES: Readonly<Record<ExpositionFormat, string>> = {
  text: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

/**
 * Writes a collection in a Prometheus exposition format: `target_info` with the resource, then
 * each instrument as one family. Histograms have cumulative `_bucket` lines with `le`, `_sum` and
 * `_count`; in OpenMetrics each bucket line carries the bucket's exemplar (`trace_id`, `span_id`,
 * value, timestamp), and the text ends with `# EOF`.
 */
export function formatExposition(snapshot: MetricsSnapshot, resource: Attributes, format: ExpositionFormat): string {
  const lines: string[] = [];
  writeTargetInfo(lines, resource, format);
  const seen = new Set<string>();
  for (const metric of snapshot.metrics) {
    const family = prometheusFamilyName(metric.name, metric.unit, metric.kind === 'gauge' || (metric.kind === 'sum' && !metric.monotonic));
    // Two instruments that map to one name would make an invalid exposition; the first one wins.
    if (seen.has(family)) continue;
    seen.add(family);
    writeMetric(lines, family, metric, format);
  }
  if (format === 'openmetrics') lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

function writeTargetInfo(lines: string[], resource: Attributes, format: ExpositionFormat): void {
  lines.push('# HELP target_info Target metadata', format === 'openmetrics' ? '# TYPE target info' : '# TYPE target_info gauge', `target_info${labels(resource)} 1`);
}

function writeMetric(lines: string[], family: string, metric: MetricData, format: ExpositionFormat): void {
  if (metric.description !== '') lines.push(`# HELP ${family} ${escapeHelp(metric.description)}`);
  switch (metric.kind) {
    case 'sum':
      if (metric.monotonic) {
        lines.push(`# TYPE ${format === 'openmetrics' ? family : `${family}_total`} counter`);
        writeNumbers(lines, `${family}_total`, metric.points);
      } else {
        lines.push(`# TYPE ${family} gauge`);
        writeNumbers(lines, family, metric.points);
      }
      return;
    case 'gauge':
      lines.push(`# TYPE ${family} gauge`);
      writeNumbers(lines, family, metric.points);
      return;
    case 'histogram':
      lines.push(`# TYPE ${family} histogram`);
      writeHistogram(lines, family, metric, format);
  }
}

function writeNumbers(lines: string[], name: string, points: readonly NumberPoint[]): void {
  for (const point of points) lines.push(`${name}${labels(point.attributes)} ${formatNumber(point.value)}`);
}

function writeHistogram(lines: string[], family: string, metric: HistogramMetric, format: ExpositionFormat): void {
  const bounds = metric.boundaries.map(formatNumber);
  for (const point of metric.points) {
    const exemplars = format === 'openmetrics' ? exemplarsByBucket(point.exemplars, metric.boundaries) : undefined;
    const base = labelPairs(point.attributes);
    let cumulative = 0;
    for (let bucket = 0; bucket <= bounds.length; bucket++) {
      cumulative += point.bucketCounts[bucket] ?? 0;
      const le = bucket < bounds.length ? (bounds[bucket] as string) : '+Inf';
      const exemplar = exemplars?.[bucket];
      lines.push(`${family}_bucket{${[...base, `le="${le}"`].join(',')}} ${cumulative}${exemplar === undefined ? '' : formatExemplar(exemplar)}`);
    }
    const suffix = base.length === 0 ? '' : `{${base.join(',')}}`;
    lines.push(`${family}_sum${suffix} ${formatNumber(point.sum)}`, `${family}_count${suffix} ${point.count}`);
  }
}

function exemplarsByBucket(exemplars: readonly Exemplar[], boundaries: readonly number[]): Array<Exemplar | undefined> {
  const byBucket: Array<Exemplar | undefined> = [];
  for (const exemplar of exemplars) {
    let bucket = 0;
    while (bucket < boundaries.length && exemplar.value > (boundaries[bucket] as number)) bucket++;
    byBucket[bucket] = exemplar;
  }
  return byBucket;
}

function formatExemplar(exemplar: Exemplar): string {
  return ` # {trace_id="${exemplar.traceId}",span_id="${exemplar.spanId}"} ${formatNumber(exemplar.value)} ${(exemplar.timeMillis / 1000).toFixed(3)}`;
}

function labels(attributes: Attributes): string {
  const pairs = labelPairs(attributes);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

function labelPairs(attributes: Attributes): string[] {
  const pairs: string[] = [];
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    pairs.push(`${prometheusLabelName(key)}="${escapeLabelValue(text)}"`);
  }
  return pairs;
}

/** A sample value: `+Inf`, `-Inf` and `NaN` are spelled as both formats require. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
