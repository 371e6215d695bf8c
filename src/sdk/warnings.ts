import { LOG_PREFIX } from '../config/warnings';

/** Warning for an attribute that was not stored because its key or value is invalid. */
export function invalidAttributeWarning(key: string): string {
  return `${LOG_PREFIX} attribute ${JSON.stringify(key)} was ignored: keys must be non-empty strings and values strings, numbers, booleans or arrays of one of those.`;
}

/** Warning for a second `end()` of a span; the first end stays. */
export function spanEndedTwiceWarning(name: string): string {
  return `${LOG_PREFIX} span ${JSON.stringify(name)} was ended more than once; later end() calls are ignored.`;
}

/** Warning for an end time earlier than the start time; the span gets a zero duration. */
export function endBeforeStartWarning(name: string): string {
  return `${LOG_PREFIX} span ${JSON.stringify(name)} ended before it started; its end time is set to its start time.`;
}

/** Warning for `recordException()` with something that has neither a type nor a message. */
export function unrecordableExceptionWarning(exception: unknown): string {
  return `${LOG_PREFIX} recordException() was given ${typeof exception === 'object' ? 'an object' : typeof exception} with neither name, code nor message; nothing was recorded.`;
}
