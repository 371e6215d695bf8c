import { diag, trace, type Context, type Span } from '@opentelemetry/api';
import { activeContext, runInContext } from '../context/active-context';
import { contextWithSpan } from '../context/span-in-context';
import { isValidSpanContext } from '../context/span-context-validity';
import { types } from 'node:util';
import { LOG_PREFIX } from '../config/warnings';
import { ARGS_ATTRIBUTE_PREFIX } from './attribute-names';
import { hashListed, sanitizeAttributes, toAttributeValue } from './attribute-values';
import { REDACTED } from '../config/redact';
import type { SpanPlan } from './span-plan';
import { SpanOutcome } from './span-outcome';
import { decoratorTracer } from './tracer';
import { wrapAsyncGenerator, wrapGenerator } from './wrap-generators';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

// Read once: the API's exports are getters.
const { getSpanContext } = trace;

/**
 * Calls `fn` with `thisArg` and `args` inside a new active span described by `plan`, and ends the
 * span when the call is over: on return or throw for plain values, when a returned promise or
 * thenable settles, when a returned generator finishes. Arguments are read only if the span is
 * recording. Whatever `fn` returns or throws reaches the caller unchanged, except that a promise
 * is replaced by the promise `.then()` derives from it (see {@link settle}).
 */
export function runInSpan(plan: SpanPlan, fn: AnyFunction, thisArg: unknown, args: unknown[]): unknown {
  const current = activeContext();
  let span: Span;
  try {
    span = decoratorTracer().startSpan(plan.name, plan.startOptions, current);
  } catch (error) {
    diag.debug(`${LOG_PREFIX} could not start span ${plan.name}: ${String(error)}`);
    return Reflect.apply(fn, thisArg, args);
  }
  if (!span.isRecording()) return runUnrecorded(span, current, plan, fn, thisArg, args);
  if (plan.options.includeArgs !== false) recordArgs(span, plan, args);
  return runRecorded(span, current, plan, fn, thisArg, args);
}

/** Calls `fn` with the recording `span` active and ends the span when the call is over (see {@link settle}). */
function runRecorded(span: Span, current: Context, plan: SpanPlan, fn: AnyFunction, thisArg: unknown, args: unknown[]): unknown {
  const outcome = new SpanOutcome(span, true, plan.options);
  const active = contextWithSpan(current, span);
  let result: unknown;
  try {
    result = runInContext(active, () => Reflect.apply(fn, thisArg, args));
  } catch (error) {
    outcome.fail(error);
    throw error;
  }
  return settle(result, outcome, plan.traceGenerators ? active : undefined, true);
}

/**
 * The path of a span that records nothing, kept as cheap as a call can be. Such a span only
 * matters through its trace id and sampled flag, which spans started inside inherit. When the
 * active span already carries that trace (a child of an unsampled request) or the span is invalid
 * (no tracing registered), entering a context would change nothing a recorder could see, so the
 * method is called directly. A new unsampled root is made active, so everything inside stays in
 * its trace and is not sampled on its own. Nothing is recorded either way, so the span ends as soon
 * as the call returns or throws, and the result is handed back untouched.
 */
function runUnrecorded(span: Span, current: Context, plan: SpanPlan, fn: AnyFunction, thisArg: unknown, args: unknown[]): unknown {
  if (!startsOwnTrace(span, current)) {
    try {
      return Reflect.apply(fn, thisArg, args);
    } finally {
      span.end();
    }
  }
  const active = contextWithSpan(current, span);
  let result: unknown;
  try {
    result = runInContext(active, () => Reflect.apply(fn, thisArg, args));
  } catch (error) {
    span.end();
    throw error;
  }
  if (plan.traceGenerators && types.isGeneratorObject(result)) return settle(result, new SpanOutcome(span, false, plan.options), active, false);
  span.end();
  return result;
}

function startsOwnTrace(span: Span, current: Context): boolean {
  const spanContext = span.spanContext();
  if (!isValidSpanContext(spanContext)) return false;
  return getSpanContext(current)?.traceId !== spanContext.traceId;
}

/**
 * Runs `fn` with `active` as the active context and ends `span` when `fn` returns or throws, or
 * when its returned promise or thenable settles. A failure is recorded on the span (status ERROR,
 * exception event, `error.type`) and rethrown unchanged. Shared by `withSpan()` and the
 * messaging helpers.
 */
export function runWithSpan<T>(span: Span, active: Context, fn: () => T): T {
  const recording = span.isRecording();
  const outcome = new SpanOutcome(span, recording, undefined);
  let result: T;
  try {
    result = runInContext(active, fn);
  } catch (error) {
    outcome.fail(error);
    throw error;
  }
  return settle(result, outcome, undefined, recording) as T;
}

/**
 * Ends the span when `result` is done. Generators are wrapped whether or not the span records, so
 * their bodies run with the span active. For a recording span, a native promise is returned as
 * `promise.then(…)`, which settles the same way with the same value or the same error object:
 * attaching handlers to the caller's own promise and returning that would mark it handled, so a
 * rejection the application forgets to handle would be swallowed instead of reported by Node.
 * For a span that does not record, the result is returned untouched (the same promise object).
 */
export function settle(result: unknown, outcome: SpanOutcome, generatorContext: Context | undefined, recording: boolean): unknown {
  if (generatorContext !== undefined && types.isGeneratorObject(result)) {
    const generator: object = result;
    return Symbol.asyncIterator in generator
      ? wrapAsyncGenerator(generator as AsyncGenerator, outcome, generatorContext)
      : wrapGenerator(generator as Generator, outcome, generatorContext);
  }
  // An unrecorded span has nothing to wait for: its end time is never exported, and the context of
  // later continuations was fixed when the call ran. So the result is returned untouched.
  if (!recording) {
    outcome.succeed(result);
    return result;
  }
  if (types.isPromise(result)) return result.then(succeedWith(outcome), failWith(outcome));
  const then = thenOf(result);
  if (then !== undefined) {
    try {
      return then.call(result, succeedWith(outcome), failWith(outcome));
    } catch {
      // A thenable whose then() throws is handed back as the plain value it is.
    }
  }
  outcome.succeed(result);
  return result;
}

function succeedWith(outcome: SpanOutcome) {
  return <T>(value: T): T => {
    outcome.succeed(value);
    return value;
  };
}

function failWith(outcome: SpanOutcome) {
  return (error: unknown): never => {
    outcome.fail(error);
    throw error;
  };
}

function thenOf(value: unknown): ((onFulfilled: unknown, onRejected: unknown) => unknown) | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  try {
    const then = (value as { then?: unknown }).then;
    return typeof then === 'function' ? (then as (onFulfilled: unknown, onRejected: unknown) => unknown) : undefined;
  } catch {
    return undefined;
  }
}

function recordArgs(span: Span, plan: SpanPlan, args: readonly unknown[]): void {
  const { options } = plan;
  try {
    if (typeof options.includeArgs === 'function') {
      span.setAttributes(hashListed(sanitizeAttributes(options.includeArgs(args), options), options.hashKeys));
      return;
    }
    const attributes: Record<string, string | number | boolean> = {};
    const indexes: Iterable<number> = options.includeArgs === true ? args.keys() : (options.includeArgs as readonly number[]);
    for (const index of indexes) {
      if (index >= args.length) continue;
      attributes[`${ARGS_ATTRIBUTE_PREFIX}${index}`] = plan.secretArgs(index) ? REDACTED : (toAttributeValue(args[index], options) as string | number | boolean);
    }
    span.setAttributes(hashListed(attributes, options.hashKeys));
  } catch (error) {
    diag.debug(`${LOG_PREFIX} could not record the arguments of ${plan.name}: ${String(error)}`);
  }
}
