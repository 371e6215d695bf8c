import type { Context } from '@opentelemetry/api';
import { runInContext } from '../context/active-context';
import type { SpanOutcome } from './span-outcome';

type StepMethod = 'next' | 'return' | 'throw';

function defineSteps(target: object, step: (method: StepMethod, input: unknown) => unknown): void {
  for (const method of ['next', 'return', 'throw'] as const) {
    Object.defineProperty(target, method, {
      value: (input?: unknown) => step(method, input),
      writable: true,
      configurable: true,
    });
  }
}

/**
 * Wraps a generator so the span covers its whole iteration: each step runs with the span active,
 * and the span ends when the generator completes, throws, or is closed early by `return()` or
 * `throw()` (as `for…of` does on `break`). The wrapper shares the generator's prototype, so
 * `instanceof` and `Object.prototype.toString` still say it is that generator.
 */
export function wrapGenerator<T, R, N>(generator: Generator<T, R, N>, outcome: SpanOutcome, active: Context): Generator<T, R, N> {
  const wrapper = Object.create(Object.getPrototypeOf(generator) as object) as Generator<T, R, N>;
  const step = (method: StepMethod, input: unknown): IteratorResult<T, R> => {
    const call = (): IteratorResult<T, R> => (generator[method] as (value: unknown) => IteratorResult<T, R>).call(generator, input);
    if (outcome.ended) return call();
    let result: IteratorResult<T, R>;
    try {
      result = runInContext(active, call);
    } catch (error) {
      outcome.fail(error);
      throw error;
    }
    if (result.done === true) outcome.succeed(result.value);
    return result;
  };
  defineSteps(wrapper, step);
  return wrapper;
}

/** {@link wrapGenerator} for async generators: the span ends when a step's promise settles as done or rejected. */
export function wrapAsyncGenerator<T, R, N>(generator: AsyncGenerator<T, R, N>, outcome: SpanOutcome, active: Context): AsyncGenerator<T, R, N> {
  const wrapper = Object.create(Object.getPrototypeOf(generator) as object) as AsyncGenerator<T, R, N>;
  const step = (method: StepMethod, input: unknown): Promise<IteratorResult<T, R>> => {
    const call = (): Promise<IteratorResult<T, R>> =>
      (generator[method] as (value: unknown) => Promise<IteratorResult<T, R>>).call(generator, input);
    if (outcome.ended) return call();
    return runInContext(active, call).then(
      (result) => {
        if (result.done === true) outcome.succeed(result.value);
        return result;
      },
      (error: unknown) => {
        outcome.fail(error);
        throw error;
      },
    );
  };
  defineSteps(wrapper, step);
  return wrapper;
}
