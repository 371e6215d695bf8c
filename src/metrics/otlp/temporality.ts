import type { HistogramPoint, MetricData, MetricsSnapshot, NumberPoint } from '../metric-data';

/** One instrument as it is exported: its points and how they add up over time. */
export interface ExportedMetric {
  metric: MetricData;
  /** `cumulative`: totals since {@link startTimeMillis}; `delta`: what happened since then. */
  temporality: 'cumulative' | 'delta';
  startTimeMillis: number;
}

/** What one push sends. */
export interface MetricsExport {
  timeMillis: number;
  metrics: ExportedMetric[];
}

type Preference = 'cumulative' | 'delta' | 'lowmemory';

/**
 * Turns cumulative collections into what the OTLP temporality preference asks for. `delta`
 * sends counters and histograms as the change since the previous push (up-down counters stay
 * cumulative, as the specification's delta preference says); `lowmemory` does the same for
 * counters and histograms only. Gauges are always the current value.
 */
export class TemporalityConverter {
  readonly #preference: Preference;
  readonly #previous = new Map<string, NumberPoint | HistogramPoint>();
  #previousTime: number | undefined;

  constructor(preference: Preference) {
    this.#preference = preference;
  }

  convert(snapshot: MetricsSnapshot): MetricsExport {
    const deltaStart = this.#previousTime ?? snapshot.startTimeMillis;
    const metrics = snapshot.metrics.map((metric): ExportedMetric => {
      if (!this.#wantsDelta(metric)) return { metric, temporality: 'cumulative', startTimeMillis: snapshot.startTimeMillis };
      return { metric: this.#delta(metric), temporality: 'delta', startTimeMillis: deltaStart };
    });
    this.#previousTime = snapshot.timeMillis;
    return { timeMillis: snapshot.timeMillis, metrics };
  }

  #wantsDelta(metric: MetricData): boolean {
    if (this.#preference === 'cumulative') return false;
    if (metric.kind === 'histogram') return true;
    return metric.kind === 'sum' && metric.monotonic;
  }

  #delta(metric: MetricData): MetricData {
    if (metric.kind === 'histogram') {
      const points = metric.points.map((point) => {
        const key = `${metric.name}\u0000${JSON.stringify(point.attributes)}`;
        const before = this.#previous.get(key) as HistogramPoint | undefined;
        this.#previous.set(key, point);
        if (before === undefined) return point;
        return {
          ...point,
          bucketCounts: point.bucketCounts.map((count, bucket) => count - (before.bucketCounts[bucket] ?? 0)),
          count: point.count - before.count,
          sum: point.sum - before.sum,
          // Minimum and maximum of the interval alone are not known from two totals.
          min: Number.NaN,
          max: Number.NaN,
          exemplars: point.exemplars.filter((exemplar) => exemplar.timeMillis > (this.#previousTime ?? 0)),
        };
      });
      return { ...metric, points };
    }
    const points = metric.points.map((point) => {
      const key = `${metric.name}\u0000${JSON.stringify(point.attributes)}`;
      const before = this.#previous.get(key) as NumberPoint | undefined;
      this.#previous.set(key, point);
      return before === undefined ? point : { ...point, value: point.value - before.value };
    });
    return { ...metric, points };
  }
}
