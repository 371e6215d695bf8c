import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from './attribute-names';

/** The constructor name of a thrown value (`TypeError`, `ValidationError`), or its `typeof` for primitives. */
export function errorType(error: unknown): string {
  if (error === null) return 'null';
  if (typeof error !== 'object' && typeof error !== 'function') return typeof error;
  const constructor: unknown = (error as { constructor?: unknown }).constructor;
  return typeof constructor === 'function' && constructor.name !== '' ? constructor.name : 'Object';
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return typeof error === 'symbol' ? error.toString() : String(error);
}

/**
 * Marks the span failed: status ERROR with the message, an exception event (type, message,
 * stack) and `error.type`. Never throws, whatever was thrown.
 */
export function recordError(span: Span, error: unknown): void {
  try {
    const message = errorMessage(error);
    const type = errorType(error);
    span.recordException(error instanceof Error ? error : { name: type, message });
    span.setAttribute(ATTR_ERROR_TYPE, type);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  } catch {
    // A thrown value with hostile accessors must not replace the application's error.
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
}
