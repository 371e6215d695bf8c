import { diag } from '@opentelemetry/api';
import { droppedSpansWarning } from './dropped-spans-warning';

/** How long lost spans are counted before one warning reports them all. */
export const LOSS_REPORT_INTERVAL_MILLIS = 10_000;

/** What a {@link DroppedSpanReporter} needs; `intervalMillis` and `warn` exist for tests. */
export interface DroppedSpanReporterOptions {
  maxQueueSize: number;
  intervalMillis?: number;
  warn?: (message: string) => void;
}

/**
 * Counts lost spans and reports them in one aggregated warning per interval, never one per span.
 * The first loss after a report starts the interval (an unref'd timer); {@link reportNow} reports
 * what is pending at once, as flush and shutdown do.
 */
export class DroppedSpanReporter {
  readonly #options: Required<DroppedSpanReporterOptions>;
  #dropped = 0;
  #lostByCause = new Map<string, number>();
  #periodStart = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: DroppedSpanReporterOptions) {
    this.#options = { intervalMillis: LOSS_REPORT_INTERVAL_MILLIS, warn: (message) => diag.warn(message), ...options };
  }

  /** Counts spans refused because the queue was full. */
  recordDropped(count: number): void {
    this.#dropped += count;
    this.#startPeriod();
  }

  /** Counts spans lost in export (failed, threw, timed out, rejected by the collector) with the cause. */
  recordLost(count: number, cause: string): void {
    this.#lostByCause.set(cause, (this.#lostByCause.get(cause) ?? 0) + count);
    this.#startPeriod();
  }

  /** Warns about the pending counts, if any, and starts afresh. */
  reportNow(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#dropped === 0 && this.#lostByCause.size === 0) return;
    const { maxQueueSize, warn } = this.#options;
    const lost = [...this.#lostByCause].map(([cause, spans]) => ({ cause, spans }));
    const message = droppedSpansWarning({ dropped: this.#dropped, lost, periodMillis: Date.now() - this.#periodStart, maxQueueSize });
    this.#dropped = 0;
    this.#lostByCause = new Map();
    warn(message);
  }

  #startPeriod(): void {
    if (this.#timer !== undefined) return;
    this.#periodStart = Date.now();
    this.#timer = setTimeout(() => this.reportNow(), this.#options.intervalMillis);
    this.#timer.unref();
  }
}
