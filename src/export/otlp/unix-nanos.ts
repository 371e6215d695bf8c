import type { HrTime } from '@opentelemetry/api';

const NANOS_PER_SECOND = 1_000_000_000;
const TWO_POW_16 = 65_536;
const TWO_POW_32 = 4_294_967_296;

/** A 64-bit unsigned integer as two unsigned 32-bit halves. */
export interface Uint64Halves {
  low: number;
  high: number;
}

/**
 * Nanoseconds since the epoch of an HrTime, as 32-bit halves. Today's timestamps (about 1.7e18)
 * exceed what a double holds exactly, so the product is assembled from parts that each stay
 * below 2^53 instead of going through BigInt for every timestamp.
 */
export function unixNanosHalves(time: HrTime): Uint64Halves {
  const seconds = Math.max(0, Math.trunc(time[0]));
  const nanos = Math.max(0, Math.trunc(time[1]));
  const secondsHigh = Math.floor(seconds / TWO_POW_16);
  const secondsLow = seconds - secondsHigh * TWO_POW_16;
  // seconds * 1e9 + nanos = upper * 2^16 + lower, with both terms exact.
  const upper = secondsHigh * NANOS_PER_SECOND;
  const lower = secondsLow * NANOS_PER_SECOND + nanos;
  const upperHigh = Math.floor(upper / TWO_POW_16);
  const middle = (upper - upperHigh * TWO_POW_16) * TWO_POW_16 + lower;
  const carry = Math.floor(middle / TWO_POW_32);
  return { low: middle - carry * TWO_POW_32, high: upperHigh + carry };
}

/** Nanoseconds since the epoch of an HrTime as a decimal string (the OTLP/JSON form of fixed64). */
export function unixNanosString(time: HrTime): string {
  const seconds = Math.max(0, Math.trunc(time[0]));
  const nanos = Math.max(0, Math.trunc(time[1]));
  if (nanos >= NANOS_PER_SECOND) return unixNanosString([seconds + Math.floor(nanos / NANOS_PER_SECOND), nanos % NANOS_PER_SECOND]);
  if (seconds === 0) return String(nanos);
  return `${seconds}${String(nanos).padStart(9, '0')}`;
}
