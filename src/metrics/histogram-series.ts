import type { Attributes } from '@opentelemetry/api';
import type { Exemplar, HistogramPoint } from './metric-data';

const COUNT = 0;
const SUM = 1;
const MIN = 2;
const MAX = 3;

/**
 * The cumulative state of one attribute set of an explicit-bucket histogram. Everything a
 * measurement touches is allocated when the series is created: recording writes numbers into
 * typed arrays and, for a sampled request, two id strings (references the span already holds)
 * into the exemplar slot of the bucket, so it allocates nothing.
 */
export class HistogramSeries {
  readonly attributes: Attributes;
  readonly #boundaries: readonly number[];
  readonly #counts: Float64Array;
  /** count, sum, min, max */
  readonly #stats = new Float64Array([0, 0, Infinity, -Infinity]);
  readonly #exemplarTraceIds: Array<string | undefined>;
  readonly #exemplarSpanIds: Array<string | undefined>;
  readonly #exemplarValues: Float64Array;
  readonly #exemplarTimes: Float64Array;
  readonly #scratch = new Float64Array(2);

  constructor(attributes: Attributes, boundaries: readonly number[]) {
    this.attributes = attributes;
    this.#boundaries = boundaries;
    const buckets = boundaries.length + 1;
    this.#counts = new Float64Array(buckets);
    this.#exemplarTraceIds = new Array<string | undefined>(buckets).fill(undefined);
    this.#exemplarSpanIds = new Array<string | undefined>(buckets).fill(undefined);
    this.#exemplarValues = new Float64Array(buckets);
    this.#exemplarTimes = new Float64Array(buckets);
  }

  /**
   * Adds one measurement. `traceId`/`spanId` (both or neither) make it the bucket's exemplar:
   * each bucket keeps the latest sampled measurement, so every bucket a sampled request fell in
   * links to a trace. `timeMillis` is the epoch time of the measurement.
   */
  record(value: number, timeMillis: number, traceId?: string, spanId?: string): void {
    const measurement = this.#scratch;
    measurement[0] = value;
    measurement[1] = timeMillis;
    this.recordMeasurement(measurement, traceId, spanId);
  }

  /**
   * {@link record} with the value and time in `measurement[0]` and `measurement[1]`: numbers that
   * travel in a typed array are never boxed, whatever the optimizing compiler inlines, so the
   * per-request paths use this form.
   */
  recordMeasurement(measurement: Float64Array, traceId?: string, spanId?: string): void {
    const value = measurement[0] as number;
    const boundaries = this.#boundaries;
    let bucket = 0;
    // Upper bounds are inclusive, as in both OpenTelemetry and Prometheus.
    while (bucket < boundaries.length && value > (boundaries[bucket] as number)) bucket++;
    this.#counts[bucket] = (this.#counts[bucket] as number) + 1;
    const stats = this.#stats;
    stats[COUNT] = (stats[COUNT] as number) + 1;
    stats[SUM] = (stats[SUM] as number) + value;
    if (value < (stats[MIN] as number)) stats[MIN] = value;
    if (value > (stats[MAX] as number)) stats[MAX] = value;
    if (traceId === undefined || spanId === undefined) return;
    this.#exemplarTraceIds[bucket] = traceId;
    this.#exemplarSpanIds[bucket] = spanId;
    this.#exemplarValues[bucket] = value;
    this.#exemplarTimes[bucket] = measurement[1] as number;
  }

  /** Measurements recorded so far. */
  get count(): number {
    return this.#stats[COUNT] as number;
  }

  /** A copy of the cumulative state, for exporters. */
  point(): HistogramPoint {
    const exemplars: Exemplar[] = [];
    for (let bucket = 0; bucket < this.#counts.length; bucket++) {
      const traceId = this.#exemplarTraceIds[bucket];
      const spanId = this.#exemplarSpanIds[bucket];
      if (traceId === undefined || spanId === undefined) continue;
      exemplars.push({ value: this.#exemplarValues[bucket] as number, timeMillis: this.#exemplarTimes[bucket] as number, traceId, spanId });
    }
    const stats = this.#stats;
    return {
      attributes: this.attributes,
      bucketCounts: Array.from(this.#counts),
      count: stats[COUNT] as number,
      sum: stats[SUM] as number,
      min: stats[MIN] as number,
      max: stats[MAX] as number,
      exemplars,
    };
  }
}
