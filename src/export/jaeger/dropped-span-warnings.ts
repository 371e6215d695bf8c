import { diag } from '@opentelemetry/api';

/** How long drops are collected into one warning, counted from the first drop. */
export const DROP_WARNING_WINDOW_MILLIS = 5_000;

/**
 * Collects dropped-span counts and reports them as one `diag.warn` per window: the first drop
 * opens a window, and when it closes a single warning gives the total. The window also closes on
 * {@link DroppedSpanWarnings.flush} (the exporter's flush and shutdown) and when the process exits,
 * so a count is never lost and never holds the process open.
 */
export class DroppedSpanWarnings {
  readonly #message: (count: number) => string;
  readonly #windowMillis: number;
  #pending = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #onExit = (): void => this.flush();

  /** `message` builds the warning for a count of dropped spans. */
  constructor(message: (count: number) => string, windowMillis: number = DROP_WARNING_WINDOW_MILLIS) {
    this.#message = message;
    this.#windowMillis = windowMillis;
  }

  /** Adds `count` dropped spans to the current window, opening one if none is open. */
  record(count: number): void {
    if (count <= 0) return;
    this.#pending += count;
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => this.flush(), this.#windowMillis).unref();
    process.once('exit', this.#onExit);
  }

  /** Closes the current window now, printing its warning if anything was dropped. */
  flush(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      process.removeListener('exit', this.#onExit);
    }
    if (this.#pending === 0) return;
    const count = this.#pending;
    this.#pending = 0;
    diag.warn(this.#message(count));
  }
}
