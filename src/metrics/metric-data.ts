import type { Attributes } from '@opentelemetry/api';

/** A measurement kept beside a histogram bucket: the value and the sampled span it was recorded in. */
export interface Exemplar {
  value: number;
  /** When it was recorded, in epoch milliseconds. */
  timeMillis: number;
  traceId: string;
  spanId: string;
}

/** One attribute set of a counter, up-down counter or gauge. */
export interface NumberPoint {
  attributes: Attributes;
  value: number;
}

/** One attribute set of an explicit-bucket histogram, cumulative since the metrics started. */
export interface HistogramPoint {
  attributes: Attributes;
  /** Counts per bucket (not cumulative); one more than the boundaries, the last is `+Inf`. */
  bucketCounts: number[];
  count: number;
  sum: number;
  min: number;
  max: number;
  /** At most one per bucket, in bucket order. */
  exemplars: Exemplar[];
}

interface MetricBase {
  name: string;
  description: string;
  /** UCUM unit as the semantic conventions give it (`s`, `By`, `{span}`, `1`). */
  unit: string;
}

/** A monotonic counter or an up-down counter, as cumulative totals. */
export interface SumMetric extends MetricBase {
  kind: 'sum';
  monotonic: boolean;
  points: NumberPoint[];
}

/** A value read at collection time. */
export interface GaugeMetric extends MetricBase {
  kind: 'gauge';
  points: NumberPoint[];
}

/** An explicit-bucket histogram. */
export interface HistogramMetric extends MetricBase {
  kind: 'histogram';
  boundaries: readonly number[];
  points: HistogramPoint[];
}

/** What a collection returns for one instrument. */
export type MetricData = SumMetric | GaugeMetric | HistogramMetric;

/** Something that contributes metrics to every collection (HTTP histograms, self and runtime metrics). */
export interface MetricProducer {
  collect(): MetricData[];
}

/** Everything one collection read, with the times exporters need. */
export interface MetricsSnapshot {
  /** When recording started (the start of every cumulative point), epoch milliseconds. */
  startTimeMillis: number;
  /** When this collection ran, epoch milliseconds. */
  timeMillis: number;
  metrics: MetricData[];
}
