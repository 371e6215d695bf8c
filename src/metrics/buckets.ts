/** The HTTP semantic conventions' advised boundaries for request durations, in seconds. */
export const HTTP_DURATION_BUCKETS: readonly number[] = Object.freeze([0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]);

/** The V8 semantic conventions' advised boundaries for garbage collection durations, in seconds. */
export const GC_DURATION_BUCKETS: readonly number[] = Object.freeze([0.01, 0.1, 1, 10]);
