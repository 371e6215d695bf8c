import { LOG_PREFIX } from '../config/warnings';

/** Message of the `TypeError` for an input of the wrong form. */
export function invalidRecordInputMessage(field: string, accepted: string, received: string): string {
  return `${LOG_PREFIX} recordSpan() ${field} must be ${accepted}; received ${received}. Nothing was recorded.`;
}

/** Warning for a span that ends before it starts; it is not recorded. */
export function endBeforeStartRecordWarning(name: string, startMillis: number, endMillis: number): string {
  return `${LOG_PREFIX} recordSpan() span ${JSON.stringify(name)} ends (${new Date(endMillis).toISOString()}) before it starts (${new Date(startMillis).toISOString()}); it was not recorded.`;
}

/** Warning for a span whose times lie too far in the future; it is not recorded. */
export function futureRecordWarning(name: string, field: string, millis: number, skewMillis: number): string {
  return `${LOG_PREFIX} recordSpan() span ${JSON.stringify(name)} has ${field} ${new Date(millis).toISOString()}, more than ${skewMillis / 60_000} minutes in the future; it was not recorded (check the clock of the source).`;
}
