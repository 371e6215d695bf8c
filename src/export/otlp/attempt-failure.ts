import type { AttemptOutcome } from './attempt-outcome';
import { MAX_RESPONSE_BYTES } from './attempt-outcome';
import { isRetryableErrorCode, MAX_ATTEMPTS, isRetryableStatus, parseRetryAfter, type FailedAttempt } from './retry-policy';

/** A failed attempt, classified for the retry decision and described for the warning. */
export interface ClassifiedFailure extends FailedAttempt {
  /** Short cause for messages, e.g. `HTTP 503` or `ECONNREFUSED`. */
  cause: string;
}

/** Classifies every outcome except success. */
export function classifyFailure(outcome: Exclude<AttemptOutcome, { kind: 'success' }>, timeoutMillis: number, nowMillis: number): ClassifiedFailure {
  switch (outcome.kind) {
    case 'status':
      return {
        cause: `HTTP ${outcome.status}`,
        retryable: isRetryableStatus(outcome.status),
        retryAfterMillis: isRetryableStatus(outcome.status) ? parseRetryAfter(outcome.retryAfter, nowMillis) : undefined,
      };
    case 'error':
      return { cause: outcome.code, retryable: isRetryableErrorCode(outcome.code) };
    case 'timeout':
      return { cause: `no response within the ${timeoutMillis} ms OTLP request timeout (otlp.timeoutMillis)`, retryable: false };
    case 'response-too-large':
      return { cause: `response body larger than ${MAX_RESPONSE_BYTES} bytes`, retryable: false };
  }
}

/** The cause as the warning shows it, with how many attempts were made. */
export function describeFinalFailure(failure: ClassifiedFailure, attempts: number): string {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  if (!failure.retryable) return attempts === 1 ? `${failure.cause}, not retried` : `${failure.cause} after ${tries}`;
  if (attempts >= MAX_ATTEMPTS) return `${failure.cause} after ${tries}`;
  return `${failure.cause} after ${tries}; the next retry would pass the export deadline`;
}
