import type { Attributes } from '@opentelemetry/api';
import { HTTP_DURATION_BUCKETS } from '../metrics/buckets';
import { HistogramInstrument } from '../metrics/histogram-instrument';
import type { HistogramPoint } from '../metrics/metric-data';
import type { DroppedSpanReporter } from './dropped-span-reporter';
import type { ExportOutcome } from './export-with-timeout';
import type { ProcessorStats } from './processor-stats';

/** What became of the spans of one processor, for its self-metrics. */
export interface ExportTelemetry {
  /** Spans passed to the exporter. */
  passed: number;
  /** Spans refused because the queue was full. */
  dropped: number;
  /** Spans exported successfully. */
  exported: number;
  /** Spans lost in export, by `error.type` (`timeout`, `exception`, `export_failed`, `rejected`). */
  failedBy: ReadonlyMap<string, number>;
  /** Spans passed to the exporter whose export has not finished. */
  inFlight: number;
  /** Duration of each export, in seconds, by `error.type` (absent for success). */
  durations: HistogramPoint[];
}

function durationAttributes(text: string): Attributes {
  return text === '' ? {} : { 'error.type': text };
}

/**
 * What became of the spans an exporting processor took in: exported, dropped because the queue was
 * full, or lost in export (failed, timed out, rejected by the collector). Keeps the running totals
 * and passes every loss, with its cause, on to the reporter that warns about them once per interval.
 */
export class SpanAccounting {
  readonly #reporter: DroppedSpanReporter;
  #exported = 0;
  #dropped = 0;
  #failed = 0;
  #passed = 0;
  #inFlight = 0;
  readonly #failedBy = new Map<string, number>();
  readonly #durations = new HistogramInstrument({ name: 'otel.sdk.exporter.operation.duration', description: '', unit: 's', boundaries: HTTP_DURATION_BUCKETS }, 16);

  constructor(reporter: DroppedSpanReporter) {
    this.#reporter = reporter;
  }

  /** Counts a span refused because the queue was full. */
  dropped(): void {
    this.#dropped++;
    this.#reporter.recordDropped(1);
  }

  /** Counts `count` spans handed to the exporter in one export. */
  passed(count: number): void {
    this.#passed += count;
    this.#inFlight += count;
  }

  /** Counts the spans of a finished export of `count` spans that took `seconds`: exported, and lost by cause. */
  settled(outcome: ExportOutcome, count: number, seconds: number): void {
    this.#inFlight = Math.max(0, this.#inFlight - count);
    this.#durations.series(outcome.failure ?? '', 0, undefined, durationAttributes).record(seconds, Date.now());
    if (outcome.failure !== undefined) this.#failedBy.set(outcome.failure, (this.#failedBy.get(outcome.failure) ?? 0) + (count - outcome.exported));
    this.#exported += outcome.exported;
    for (const loss of outcome.losses) {
      this.#failed += loss.spans;
      this.#reporter.recordLost(loss.spans, loss.cause);
    }
  }

  /** Warns about the losses not yet reported, at once (flush and shutdown). */
  reportNow(): void {
    this.#reporter.reportNow();
  }

  /** The running totals. */
  totals(): Pick<ProcessorStats, 'exported' | 'dropped' | 'failed'> {
    return { exported: this.#exported, dropped: this.#dropped, failed: this.#failed };
  }

  /** Everything the self-metrics report. */
  telemetry(): ExportTelemetry {
    return { passed: this.#passed, dropped: this.#dropped, exported: this.#exported, failedBy: new Map(this.#failedBy), inFlight: this.#inFlight, durations: this.#durations.collect().points };
  }
}
