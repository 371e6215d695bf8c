import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { bindEventEmitter } from './bind-event-emitter';

/**
 * Keeps the active OpenTelemetry context in an `AsyncLocalStorage`, so it follows callbacks,
 * promises and timers. Behaves as the official `AsyncLocalStorageContextManager`: `bind` accepts
 * functions and `EventEmitter`s, anything else is returned unchanged.
 */
export class AsyncLocalContextManager implements ContextManager {
  #storage = new AsyncLocalStorage<Context>();

  /** The context of the current asynchronous execution, or the root context. */
  active(): Context {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }

  /** Runs `fn` (with `thisArg` and `args`) with `context` active, and returns what it returns. */
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const callback = thisArg === undefined || thisArg === null ? fn : (fn.bind(thisArg) as F);
    return this.#storage.run(context, callback, ...args);
  }

  /**
   * A function that runs `target` with `context` active, or `target` itself for an
   * `EventEmitter` whose listeners from then on run with `context` active.
   */
  bind<T>(context: Context, target: T): T {
    if (target instanceof EventEmitter) return bindEventEmitter(this, context, target);
    if (typeof target === 'function') return this.#bindFunction(context, target as T & ((...args: unknown[]) => unknown));
    return target;
  }

  #bindFunction<T extends (...args: unknown[]) => unknown>(context: Context, target: T): T {
    const storage = this.#storage;
    const bound = function (this: unknown, ...args: unknown[]): unknown {
      return storage.run(context, () => target.apply(this, args));
    };
    Object.defineProperty(bound, 'length', { enumerable: false, configurable: true, writable: false, value: target.length });
    return bound as T;
  }

  /** Nothing to do: the storage works from construction. */
  enable(): this {
    return this;
  }

  /** Forgets the active context; a disabled manager can be enabled and used again. */
  disable(): this {
    this.#storage.disable();
    return this;
  }
}
