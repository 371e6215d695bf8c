/** Outcome of {@link settleWithin}. */
export type DeadlineOutcome = 'settled' | 'timed out';

/**
 * Waits for `work` to settle (either way) or for `millis` to pass, whichever is first. The timer
 * is unref'd unless `keepAlive` is set, so waiting never holds the process open by itself.
 */
export function settleWithin(work: Promise<unknown>, millis: number, keepAlive = false): Promise<DeadlineOutcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timed out'), millis);
    if (!keepAlive) timer.unref();
    work.then(
      () => {
        clearTimeout(timer);
        resolve('settled');
      },
      () => {
        clearTimeout(timer);
        resolve('settled');
      },
    );
  });
}
