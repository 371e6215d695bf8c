import { LOG_PREFIX } from '../../config/warnings';

/** Warning for the first failed export in a reporting window. `url` must already be redacted. */
export function exportFailedWarning(url: string, cause: string, droppedSpans: number, windowSeconds: number): string {
  return `${LOG_PREFIX} OTLP export to ${url} failed (${cause}); ${droppedSpans} span(s) dropped, the service is unaffected. Further failures in the next ${windowSeconds} s are counted and reported together.`;
}

/** Warning summarising the failures counted since the last warning. `url` must already be redacted. */
export function exportFailuresSummaryWarning(url: string, failedExports: number, droppedSpans: number, lastCause: string, windowSeconds: number): string {
  return `${LOG_PREFIX} OTLP export to ${url} failed ${failedExports} more time(s) in the last ${windowSeconds} s (last cause: ${lastCause}); ${droppedSpans} more span(s) dropped. Each new batch is still tried.`;
}

/** Info message when an export succeeds after failures. `url` must already be redacted. */
export function exportResumedMessage(url: string, failedExports: number): string {
  return `${LOG_PREFIX} OTLP export to ${url} works again after ${failedExports} failed export(s); new spans are delivered.`;
}

/** Error of an export refused because too many are already in flight. */
export function tooManyExportsError(limit: number): string {
  return `${LOG_PREFIX} ${limit} OTLP exports are already in flight (the limit); this batch was dropped instead of queueing more requests.`;
}

/** Error of an export asked for after shutdown. */
export const EXPORTER_SHUT_DOWN_ERROR = `${LOG_PREFIX} the OTLP exporter is shut down; the batch was not sent.`;

/** Debug message when the processor's result callback throws. */
export function resultCallbackThrewMessage(error: unknown): string {
  return `${LOG_PREFIX} the span processor's export callback threw (${error instanceof Error ? error.message : String(error)}); ignored.`;
}

/** Cause of spans the collector rejected in a partial success. */
export function partialSuccessCause(errorMessage: string): string {
  return `rejected by the collector (partial success${errorMessage === '' ? '' : `: ${errorMessage}`})`;
}

/** Cause of a span dropped because the collector answers 413 even when it is sent alone. */
export const SINGLE_SPAN_TOO_LARGE_CAUSE = 'HTTP 413 (request too large) even for a single span';
