/** Milliseconds from a monotonic clock. */
export type Clock = () => number;

/** The process's monotonic clock. */
export const MONOTONIC_CLOCK: Clock = () => performance.now();

/**
 * A token bucket: credit accrues continuously at `perSecond` up to `capacity`, and each kept item
 * spends one. Continuous accrual keeps the rate smooth, with no window edge at which a second
 * burst is allowed, and every caller draws from the same balance however many requests are in
 * flight. The bucket starts full, so the first items after start are kept.
 */
export class TokenBucket {
  #perMillisecond: number;
  #capacity: number;
  #balance: number;
  #last: number;
  readonly #clock: Clock;

  constructor(perSecond: number, capacity: number, clock: Clock = MONOTONIC_CLOCK) {
    this.#clock = clock;
    this.#perMillisecond = perSecond / 1000;
    this.#capacity = capacity;
    this.#balance = capacity;
    this.#last = clock();
  }

  /** Spends one token when there is one. */
  take(): boolean {
    this.#refill();
    if (this.#balance < 1) return false;
    this.#balance -= 1;
    return true;
  }

  /**
   * Changes rate and capacity, keeping the balance earned so far in proportion (as jaeger-client
   * does on a new strategy), so an update neither refills nor empties the bucket.
   */
  update(perSecond: number, capacity: number): void {
    this.#refill();
    this.#balance = this.#capacity === 0 ? capacity : (this.#balance * capacity) / this.#capacity;
    this.#perMillisecond = perSecond / 1000;
    this.#capacity = capacity;
  }

  /** Brings the balance up to now without spending. */
  #refill(): void {
    const now = this.#clock();
    const elapsed = now - this.#last;
    this.#last = now;
    // A clock that goes backwards (it never should) adds nothing rather than draining the bucket.
    if (elapsed > 0) this.#balance = Math.min(this.#capacity, this.#balance + elapsed * this.#perMillisecond);
  }
}
