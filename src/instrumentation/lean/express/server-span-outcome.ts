import { SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api';
import { expressRouteTemplate } from './route-template';
import { routeErrorOf } from './route-error';
import type { ExpressRequest } from './express-shapes';

/** `error.type` for an error object: its class name (`TypeError`, `ValidationError`), else its `name`. */
export function errorTypeOf(error: object): string {
  const constructorName = (error as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof constructorName === 'string' && constructorName !== '' && constructorName !== 'Object') return constructorName;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : 'Error';
}

/**
 * Records on a failed (5xx) server span the error Express routed for the request: one `exception`
 * event, the status message and `error.type` set to the error's class. Returns whether there was one.
 */
export function recordRouteError(span: Span, request: object, attributes: Attributes): boolean {
  const error = routeErrorOf(request);
  if (error === undefined || error === null) return false;
  if (typeof error === 'object') {
    span.recordException(error as Error);
    attributes['error.type'] = errorTypeOf(error);
    const message = (error as { message?: unknown }).message;
    span.setStatus(typeof message === 'string' && message !== '' ? { code: SpanStatusCode.ERROR, message } : { code: SpanStatusCode.ERROR });
    return true;
  }
  const text = typeof error === 'symbol' ? error.toString() : typeof error === 'function' ? 'a function' : `${error as string | number | boolean | bigint}`;
  span.recordException(text);
  span.setStatus({ code: SpanStatusCode.ERROR, message: text });
  return true;
}

/** The route template Express matched for the request, if any (see {@link expressRouteTemplate}). */
export function routeOf(request: ExpressRequest): string | undefined {
  return expressRouteTemplate(request);
}
