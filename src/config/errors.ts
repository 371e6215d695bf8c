import { LOG_PREFIX } from './warnings';

/** Message of the `TypeError` thrown by `init()` for an option it cannot use. */
export function invalidOptionMessage(option: string, accepted: string, received: unknown): string {
  return `${LOG_PREFIX} init() option "${option}" must be ${accepted}; received ${describeValue(received)}.`;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'symbol' ? value.toString() : `${value as number | boolean | bigint | undefined}`;
}

/** Throws a `TypeError` naming the option and what it accepts. */
export function rejectOption(option: string, accepted: string, received: unknown): never {
  throw new TypeError(invalidOptionMessage(option, accepted, received));
}
