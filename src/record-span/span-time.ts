import type { HrTime } from '@opentelemetry/api';
import { millisToHrTime } from '../sdk/time';

/** A time given to `recordSpan`: a `Date`, epoch milliseconds, or epoch `[seconds, nanoseconds]`. */
export type RecordedTime = Date | number | HrTime;

/**
 * The time as an epoch HrTime, or a description of what is wrong with it. Numbers are always epoch
 * milliseconds here (never `performance.now()` readings): times from outside the process are
 * wall-clock times.
 */
export function toEpochHrTime(value: unknown): HrTime | string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : millisToHrTime(value.getTime());
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? millisToHrTime(value) : `${value}, which is not a time after 1970`;
  if (Array.isArray(value) && value.length === 2) {
    const [seconds, nanos] = value as unknown[];
    if (Number.isSafeInteger(seconds) && (seconds as number) >= 0 && Number.isInteger(nanos) && (nanos as number) >= 0 && (nanos as number) < 1e9) {
      return [seconds as number, nanos as number];
    }
    return 'a pair that is not [seconds >= 0, nanoseconds 0..999999999]';
  }
  return value === undefined ? 'missing' : `a ${value === null ? 'null' : typeof value}`;
}

/** Epoch milliseconds of an HrTime. */
export function hrTimeMillis(time: HrTime): number {
  return time[0] * 1000 + time[1] / 1e6;
}
