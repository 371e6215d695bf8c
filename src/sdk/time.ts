import type { HrTime, TimeInput } from '@opentelemetry/api';

const NANOS_PER_SECOND = 1_000_000_000;
const NANOS_PER_MILLI = 1_000_000;

/** Milliseconds since the epoch as `[seconds, nanoseconds]`, rounded to the nanosecond. */
export function millisToHrTime(epochMillis: number): HrTime {
  const seconds = Math.trunc(epochMillis / 1000);
  return [seconds, Math.round((epochMillis % 1000) * NANOS_PER_MILLI)];
}

type Performance = typeof import('node:perf_hooks').performance;
let clock: { performance: Performance; origin: HrTime } | undefined;

/**
 * `performance` and its time origin as an HrTime, loaded at the first span rather than at
 * start-up. The origin is split once: adding a ~1.7e12 ms origin to a reading as one double would
 * lose sub-microsecond precision.
 */
function monotonicClock(): { performance: Performance; origin: HrTime } {
  if (clock === undefined) {
    const { performance } = require('node:perf_hooks') as typeof import('node:perf_hooks');
    clock = { performance, origin: millisToHrTime(performance.timeOrigin) };
  }
  return clock;
}

/**
 * A `performance.now()` reading as an epoch HrTime: the process time origin plus the reading.
 * All spans time themselves on this one monotonic clock, so durations never go negative.
 */
export function performanceToHrTime(performanceMillis: number): HrTime {
  const ORIGIN = monotonicClock().origin;
  const seconds = Math.trunc(performanceMillis / 1000);
  let nanos = ORIGIN[1] + Math.round((performanceMillis - seconds * 1000) * NANOS_PER_MILLI);
  let wholeSeconds = ORIGIN[0] + seconds;
  if (nanos >= NANOS_PER_SECOND) {
    nanos -= NANOS_PER_SECOND;
    wholeSeconds += 1;
  }
  return [wholeSeconds, nanos];
}

/** The current time as an epoch HrTime (`performance.timeOrigin + performance.now()`). */
export function nowHrTime(): HrTime {
  return performanceToHrTime(monotonicClock().performance.now());
}

/** Whether `value` is an HrTime: a pair of numbers. */
export function isHrTime(value: unknown): value is HrTime {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number';
}

/** Whether `value` is an API `TimeInput`: an HrTime, a number or a Date. */
export function isTimeInput(value: unknown): value is TimeInput {
  return typeof value === 'number' || value instanceof Date || isHrTime(value);
}

/**
 * Converts an API `TimeInput` to an epoch HrTime. HrTimes pass through and Dates are epoch times.
 * A number is a `performance.now()` reading when it is below half the time origin (no process
 * runs long enough to reach it, and no epoch timestamp after 1994 is that small), otherwise epoch
 * milliseconds. That is the rule of the official SDK's `timeInputToHrTime`, and for every reading
 * already taken and every epoch time it agrees with the official span's own rule.
 */
export function toHrTime(time: TimeInput): HrTime {
  if (typeof time === 'number') {
    return time < monotonicClock().performance.timeOrigin / 2 ? performanceToHrTime(time) : millisToHrTime(time);
  }
  if (time instanceof Date) return millisToHrTime(time.getTime());
  return time;
}

/** `end - start` as an HrTime; negative when `end` is earlier (its seconds part is then below 0). */
export function hrTimeDuration(start: HrTime, end: HrTime): HrTime {
  let seconds = end[0] - start[0];
  let nanos = end[1] - start[1];
  if (nanos < 0) {
    seconds -= 1;
    nanos += NANOS_PER_SECOND;
  }
  return [seconds, nanos];
}
