import { INVALID_SPAN_CONTEXT, diag, trace, type Attributes, type Span } from '@opentelemetry/api';
import { LOG_PREFIX } from '../config/warnings';
import { activeContext } from '../context/active-context';
import { contextWithSpan } from '../context/span-in-context';
import { runWithSpan } from './run-in-span';
import { decoratorTracer } from './tracer';

/**
 * Runs `fn(span)` in a new active span named `name` and ends the span when `fn` returns or throws,
 * or when its returned promise settles. Errors are recorded (status ERROR, exception event,
 * `error.type`) and rethrown unchanged; the result is returned as is (a promise as the promise
 * `.then()` derives from it, which settles the same way).
 *
 * @example
 * ```ts
 * const total = await withSpan('cart.total', { 'cart.items': items.length }, async (span) => {
 *   const sum = await price(items);
 *   span.setAttribute('cart.total', sum);
 *   return sum;
 * });
 * ```
 */
export function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => T): T;
/** Runs `fn(span)` in a new active span named `name`, without start attributes. */
export function withSpan<T>(name: string, fn: (span: Span) => T): T;
export function withSpan<T>(name: string, attributesOrFn: Attributes | ((span: Span) => T), maybeFn?: (span: Span) => T): T {
  const fn = typeof attributesOrFn === 'function' ? attributesOrFn : maybeFn;
  if (typeof fn !== 'function') throw new TypeError(`${LOG_PREFIX} withSpan() needs a function to run.`);
  const attributes = typeof attributesOrFn === 'function' ? undefined : attributesOrFn;
  const current = activeContext();
  let span: Span;
  try {
    span = decoratorTracer().startSpan(name, attributes === undefined ? undefined : { attributes }, current);
  } catch (error) {
    diag.debug(`${LOG_PREFIX} could not start span ${name}: ${String(error)}`);
    return fn(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  }
  return runWithSpan(span, contextWithSpan(current, span), () => fn(span));
}
