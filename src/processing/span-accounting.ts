import type { DroppedSpanReporter } from './dropped-span-reporter';
import type { ProcessorStats } from './processor-stats';

/**
 * What became of the spans an exporting processor took in: exported, dropped because the queue was
 * full, or lost to a failed export. Keeps the running totals and passes every loss on to the
 * reporter that warns about them once per interval.
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

  /** Counts `count` spans whose export finished: exported when `ok`, lost otherwise. */
  settled(count: number, ok: boolean): void {
    if (ok) {
      this.#exported += count;
      return;
    }
    this.#failed += count;
    this.#reporter.recordFailed(count);
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
