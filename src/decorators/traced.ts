import { LOG_PREFIX } from '../config/warnings';
import { copyFunctionShape } from './function-shape';
import { resolveTracedOptions, type TracedOptions } from './options';
import { runInSpan } from './run-in-span';
import { createSpanPlan } from './span-plan';

/**
 * Wraps a plain function so each call runs in its own active span named `name`, exactly as
 * `@traceMethod()` does for methods: promises, thenables and generators end the span when they
 * finish, errors are recorded and rethrown unchanged, and arguments and results are recorded
 * only when asked for. The wrapper keeps `this`, the function's `name` and `length`.
 *
 * @param name span name; also `code.function.name` when the function itself has no name
 * @throws TypeError when `name` is empty, `fn` is not a function or an option is invalid
 *
 * @example
 * ```ts
 * const loadUser = traced('users.load', async (id: string) => db.users.find(id), { includeArgs: true });
 * ```
 */
export function traced<This, Args extends unknown[], Return>(
  name: string,
  fn: (this: This, ...args: Args) => Return,
  options?: TracedOptions,
): (this: This, ...args: Args) => Return {
  if (typeof name !== 'string' || name === '') throw new TypeError(`${LOG_PREFIX} traced() needs a non-empty span name.`);
  if (typeof fn !== 'function') throw new TypeError(`${LOG_PREFIX} traced() needs a function to wrap.`);
  const original = fn as (this: unknown, ...args: unknown[]) => unknown;
  const plan = createSpanPlan({ spanName: name, functionName: fn.name === '' ? name : fn.name, fn: original }, resolveTracedOptions('traced()', options));
  const wrapper = function (this: This, ...args: Args): Return {
    return runInSpan(plan, original, this, args) as Return;
  };
  return copyFunctionShape(wrapper, original);
}
