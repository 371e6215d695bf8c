/** At most this many requests per export, the first one included. */
export const MAX_ATTEMPTS = 5;
/** Backoff before the first retry, doubled for each further one. */
export const INITIAL_BACKOFF_MILLIS = 500;
/** Longest backoff between two attempts when the collector gives no Retry-After. */
export const MAX_BACKOFF_MILLIS = 5_000;
/** Backoff is spread by up to ±20 % so exporters restarted together do not retry in step. */
const JITTER_FRACTION = 0.2;

/**
 * HTTP statuses worth another attempt, as the OTLP/HTTP specification lists them: throttling
 * (429) and gateway / unavailable responses (502, 503, 504). Every other status, 400 included,
 * means the same request would fail again.
 */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Socket and resolver error codes worth another attempt: the collector or the path to it is
 * briefly unavailable and the same request may well succeed a moment later.
 *
 * - ECONNREFUSED: nothing listens yet (collector starting or restarting).
 * - ECONNRESET, EPIPE: the connection broke mid-request (collector restart, proxy or idle
 *   keep-alive socket closed by the other side).
 * - ETIMEDOUT: the operating system gave up connecting (packet loss, overloaded host).
 * - EHOSTUNREACH, ENETUNREACH, ENETDOWN: routing is momentarily missing (interface or VPN coming up).
 * - EAI_AGAIN: DNS answered "try again" (temporary resolver failure).
 *
 * Not retried: ENOTFOUND (the name does not exist; asking again does not create it), TLS and
 * certificate errors, and this package's own limits (deadline reached, response too large).
 */
const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN']);

/** Whether an HTTP status from the collector is worth another attempt. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** Whether a connection-level error code is worth another attempt. */
export function isRetryableErrorCode(code: string): boolean {
  return RETRYABLE_ERROR_CODES.has(code);
}

/**
 * Milliseconds a `Retry-After` header asks to wait: a number of seconds, or an HTTP-date
 * (relative to `nowMillis`; a date in the past means no wait). Anything else is `undefined`.
 */
export function parseRetryAfter(header: string | undefined, nowMillis: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP-date always names a weekday and a month; plain Date.parse would also accept "1".
  if (!/^[A-Za-z]{3},? /.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMillis);
}

/**
 * Backoff before retry number `retry` (1 for the first retry): exponential from
 * {@link INITIAL_BACKOFF_MILLIS}, capped at {@link MAX_BACKOFF_MILLIS}, with jitter from `random`
 * (a number in [0, 1)).
 */
export function backoffMillis(retry: number, random: number): number {
  const base = Math.min(MAX_BACKOFF_MILLIS, INITIAL_BACKOFF_MILLIS * 2 ** (retry - 1));
  return Math.round(base * (1 - JITTER_FRACTION + 2 * JITTER_FRACTION * random));
}

/** What is known about a failed attempt when deciding on the next one. */
export interface FailedAttempt {
  /** Whether the failure is of a retryable kind ({@link isRetryableStatus}, {@link isRetryableErrorCode}). */
  retryable: boolean;
  /** The collector's Retry-After, already converted to milliseconds. */
  retryAfterMillis?: number | undefined;
}

/**
 * The wait before the next attempt, or `undefined` when there is none: the failure is final, the
 * attempts are used up, or the wait would not end before the export deadline (`millisLeft`).
 * A Retry-After from the collector replaces the computed backoff.
 */
export function nextRetryDelay(failure: FailedAttempt, attemptsMade: number, millisLeft: number, random: number): number | undefined {
  if (!failure.retryable || attemptsMade >= MAX_ATTEMPTS) return undefined;
  const delay = failure.retryAfterMillis ?? backoffMillis(attemptsMade, random);
  return delay < millisLeft ? delay : undefined;
}
