import type { DroppedSpanReporter } from './dropped-span-reporter';
import type { ExportOutcome } from './export-with-timeout';
import type { ProcessorStats } from './processor-stats';

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

  constructor(reporter: DroppedSpanReporter) {
    this.#reporter = reporter;
  }

  /** Counts a span refused because the queue was full. */
  dropped(): void {
    this.#dropped++;
    this.#reporter.recordDropped(1);
  }

  /** Counts the spans of a finished export: exported, and lost by cause. */
  settled(outcome: ExportOutcome): void {
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
}
