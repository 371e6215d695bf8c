import type { Context, ContextManager } from '@opentelemetry/api';
import type { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;
type AddListener = (event: string | symbol, listener: Listener) => EventEmitter;
type RemoveListener = AddListener;
type RemoveAllListeners = (event?: string | symbol) => EventEmitter;
/** Per event, the bound listener made for each original listener (so removal finds it). */
type BoundListeners = Map<string | symbol, WeakMap<Listener, Listener>>;

const ADD_METHODS = ['addListener', 'on', 'once', 'prependListener', 'prependOnceListener'] as const;
const REMOVE_METHODS = ['removeListener', 'off'] as const;
const BOUND = Symbol('otel-bootstrap bound listeners');

type Patched = EventEmitter & { [BOUND]?: BoundListeners };

/**
 * Makes every listener later added to `emitter` run with `context` active, and keeps
 * `removeListener`/`off` working with the original listener. An emitter is patched once; binding
 * it again (to any context) changes nothing.
 */
export function bindEventEmitter<T>(manager: ContextManager, context: Context, emitter: T & EventEmitter): T {
  const patched = emitter as Patched;
  if (patched[BOUND] !== undefined) return emitter;
  const bound: BoundListeners = new Map();
  patched[BOUND] = bound;
  // `once` registers its own wrapper through `on`; that inner call must not wrap a second time.
  let adding = false;
  const methods = patched as unknown as Record<string, unknown>;
  for (const name of ADD_METHODS) {
    const original = methods[name] as AddListener | undefined;
    if (typeof original !== 'function') continue;
    methods[name] = function (this: EventEmitter, event: string | symbol, listener: Listener): EventEmitter {
      if (adding) return original.call(this, event, listener);
      let forEvent = bound.get(event);
      if (forEvent === undefined) {
        forEvent = new WeakMap();
        bound.set(event, forEvent);
      }
      const wrapped = manager.bind(context, listener);
      forEvent.set(listener, wrapped);
      adding = true;
      try {
        return original.call(this, event, wrapped);
      } finally {
        adding = false;
      }
    };
  }
  for (const name of REMOVE_METHODS) {
    const original = methods[name] as RemoveListener | undefined;
    if (typeof original !== 'function') continue;
    methods[name] = function (this: EventEmitter, event: string | symbol, listener: Listener): EventEmitter {
      return original.call(this, event, bound.get(event)?.get(listener) ?? listener);
    };
  }
  const removeAll = methods.removeAllListeners as RemoveAllListeners | undefined;
  if (typeof removeAll === 'function') {
    methods.removeAllListeners = function (this: EventEmitter, ...args: [event?: string | symbol]): EventEmitter {
      if (args.length === 0) bound.clear();
      else bound.delete(args[0] as string | symbol);
      return removeAll.apply(this, args);
    };
  }
  return emitter;
}
