import { diag } from '@opentelemetry/api';
import { exportFailedWarning, exportFailuresSummaryWarning, exportResumedMessage } from './messages';

/** Failures are reported at most once per window. */
export const FAILURE_WINDOW_MILLIS = 60_000;

/** Where the reporter writes; `diag` unless a test passes its own. */
export interface ReporterLog {
  warn(message: string): void;
  info(message: string): void;
}

/**
 * Turns a stream of export results into few log lines. The first failure warns at once with
 * its cause; failures in the following {@link FAILURE_WINDOW_MILLIS} are only counted and
 * summarised in one warning when the window ends (or at shutdown); the next failure after a
 * window has passed warns at once again. The first success after failures logs one info line
 * that counts every failure since the last success (a pending summary is folded into it).
 */
export class ExportFailureReporter {
  readonly #url: string;
  readonly #log: ReporterLog;
  #lastWarningAt: number | undefined;
  #counted = { exports: 0, spans: 0, lastCause: '' };
  #failuresSinceSuccess = 0;
  #summaryTimer: NodeJS.Timeout | undefined;

  /** `redactedUrl` appears in every message, so it must carry no credentials. */
  constructor(redactedUrl: string, log: ReporterLog = { warn: (message) => diag.warn(message), info: (message) => diag.info(message) }) {
    this.#url = redactedUrl;
    this.#log = log;
  }

  /** Records a failed export of `spanCount` spans. */
  failure(cause: string, spanCount: number): void {
    this.#failuresSinceSuccess++;
    const now = Date.now();
    if (this.#lastWarningAt === undefined || now - this.#lastWarningAt >= FAILURE_WINDOW_MILLIS) {
      this.#flushSummary();
      this.#lastWarningAt = now;
      this.#log.warn(exportFailedWarning(this.#url, cause, spanCount, FAILURE_WINDOW_MILLIS / 1000));
      return;
    }
    this.#counted.exports++;
    this.#counted.spans += spanCount;
    this.#counted.lastCause = cause;
    if (this.#summaryTimer === undefined) {
      this.#summaryTimer = setTimeout(() => {
        this.#summaryTimer = undefined;
        this.#flushSummary();
        this.#lastWarningAt = Date.now();
      }, this.#lastWarningAt + FAILURE_WINDOW_MILLIS - now);
      // A pending summary never keeps the process alive; shutdown writes it out instead.
      this.#summaryTimer.unref();
    }
  }

  /** Records a successful export. */
  success(): void {
    if (this.#failuresSinceSuccess === 0) return;
    // The resumed message counts every failure since the last success, the uncounted ones too.
    this.#discardSummary();
    this.#log.info(exportResumedMessage(this.#url, this.#failuresSinceSuccess));
    this.#failuresSinceSuccess = 0;
  }

  /** Writes out a pending summary and stops the window timer. */
  close(): void {
    this.#flushSummary();
  }

  #flushSummary(): void {
    const { exports, spans, lastCause } = this.#counted;
    this.#discardSummary();
    if (exports === 0) return;
    this.#log.warn(exportFailuresSummaryWarning(this.#url, exports, spans, lastCause, FAILURE_WINDOW_MILLIS / 1000));
  }

  #discardSummary(): void {
    clearTimeout(this.#summaryTimer);
    this.#summaryTimer = undefined;
    this.#counted = { exports: 0, spans: 0, lastCause: '' };
  }
}
