import { describe, expect, it } from 'vitest';
import { classifyFailure, describeFinalFailure } from '../../../src/export/otlp/attempt-failure';
import {
  backoffMillis,
  INITIAL_BACKOFF_MILLIS,
  isRetryableErrorCode,
  isRetryableStatus,
  MAX_ATTEMPTS,
  MAX_BACKOFF_MILLIS,
  nextRetryDelay,
  parseRetryAfter,
} from '../../../src/export/otlp/retry-policy';

describe('OTLP retry policy', () => {
  it('retries only 429, 502, 503 and 504', () => {
    const retried = Array.from({ length: 500 }, (_, index) => index + 100).filter(isRetryableStatus);
    expect(retried).toEqual([429, 502, 503, 504]);
  });

  it('retries transient connection errors and not permanent ones', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) expect(isRetryableErrorCode(code), code).toBe(true);
    for (const code of ['ENOTFOUND', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_INVALID_CHAR', 'UNKNOWN']) expect(isRetryableErrorCode(code), code).toBe(false);
  });

  it('parses Retry-After as seconds, as an HTTP-date, and ignores garbage', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    for (const garbage of ['soon', '-1', '1.5', '', '3 seconds', 'Wed, 99 Foo 2015', '2015-10-21']) expect(parseRetryAfter(garbage, now), garbage).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('backs off exponentially within ±20 % and never beyond the cap', () => {
    expect(backoffMillis(1, 0.5)).toBe(INITIAL_BACKOFF_MILLIS);
    expect(backoffMillis(2, 0.5)).toBe(INITIAL_BACKOFF_MILLIS * 2);
    expect(backoffMillis(1, 0)).toBe(INITIAL_BACKOFF_MILLIS * 0.8);
    expect(backoffMillis(1, 0.999_999)).toBe(INITIAL_BACKOFF_MILLIS * 1.2);
    for (let retry = 1; retry < 30; retry++) expect(backoffMillis(retry, 0.999_999)).toBeLessThanOrEqual(MAX_BACKOFF_MILLIS * 1.2);
  });

  it('never schedules a retry that ends at or past the export deadline', () => {
    for (let millisLeft = 0; millisLeft <= 10_000; millisLeft += 37) {
      for (const random of [0, 0.5, 0.999]) {
        const delay = nextRetryDelay({ retryable: true }, 1, millisLeft, random);
        if (delay !== undefined) expect(delay).toBeLessThan(millisLeft);
        const retryAfter = nextRetryDelay({ retryable: true, retryAfterMillis: 2000 }, 1, millisLeft, random);
        expect(retryAfter).toBe(millisLeft > 2000 ? 2000 : undefined);
      }
    }
  });

  it('stops after the maximum number of attempts and for final failures', () => {
    expect(nextRetryDelay({ retryable: true }, MAX_ATTEMPTS - 1, 60_000, 0.5)).toBeDefined();
    expect(nextRetryDelay({ retryable: true }, MAX_ATTEMPTS, 60_000, 0.5)).toBeUndefined();
    expect(nextRetryDelay({ retryable: false }, 1, 60_000, 0.5)).toBeUndefined();
  });

  it('honours Retry-After only on retryable statuses and describes the outcome', () => {
    const now = 1_000_000;
    expect(classifyFailure({ kind: 'status', status: 503, retryAfter: '2' }, 5000, now)).toEqual({ cause: 'HTTP 503', retryable: true, retryAfterMillis: 2000 });
    expect(classifyFailure({ kind: 'status', status: 400, retryAfter: '2' }, 5000, now)).toEqual({ cause: 'HTTP 400', retryable: false, retryAfterMillis: undefined });
    expect(classifyFailure({ kind: 'error', code: 'ENOTFOUND' }, 5000, now)).toEqual({ cause: 'ENOTFOUND', retryable: false });
    expect(classifyFailure({ kind: 'timeout' }, 5000, now).retryable).toBe(false);
    expect(classifyFailure({ kind: 'response-too-large' }, 5000, now).retryable).toBe(false);
    expect(describeFinalFailure({ cause: 'HTTP 400', retryable: false }, 1)).toBe('HTTP 400, not retried');
    expect(describeFinalFailure({ cause: 'HTTP 503', retryable: true }, MAX_ATTEMPTS)).toBe(`HTTP 503 after ${MAX_ATTEMPTS} attempts`);
    expect(describeFinalFailure({ cause: 'HTTP 503', retryable: true }, 2)).toContain('would pass the export deadline');
  });
});
