import type { HrTime } from '@opentelemetry/api';
import { millisToHrTime } from '../sdk/time';

/**
 * An OpenTracing time (epoch milliseconds, possibly fractional) as an HrTime; `undefined` when
 * absent, `null` when the value is not a usable time (the caller warns and uses now).
 */
export function openTracingTime(value: unknown): HrTime | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return millisToHrTime(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return millisToHrTime(value.getTime());
  return null;
}
