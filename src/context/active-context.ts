import { context, type Context, type ContextManager } from '@opentelemetry/api';

/**
 * The context manager this package registered globally, published under the symbol registry so
 * every entry point (each is its own bundle) can reach it. `context.active()` and `context.with()`
 * of the API look the manager up in its global registry and check its version on every call; hot
 * paths go to the manager directly.
 */
const REGISTERED = Symbol.for('otel-bootstrap.context-manager');

type Registry = typeof globalThis & { [REGISTERED]?: ContextManager };

/** Publishes `manager` once the API accepted it as the global context manager. */
export function publishContextManager(manager: ContextManager): void {
  (globalThis as Registry)[REGISTERED] = manager;
}

/** Withdraws `manager` before it is disabled, so later reads go through the API again. */
export function withdrawContextManager(manager: ContextManager | undefined): void {
  const registry = globalThis as Registry;
  if (manager !== undefined && registry[REGISTERED] === manager) delete registry[REGISTERED];
}

/** The active context: the same value as `context.active()`, with fewer lookups. */
export function activeContext(): Context {
  const manager = (globalThis as Registry)[REGISTERED];
  return manager === undefined ? context.active() : manager.active();
}

/** Runs `fn` with `active` as the active context: `context.with(active, fn)`, with fewer lookups. */
export function runInContext<T>(active: Context, fn: () => T): T {
  const manager = (globalThis as Registry)[REGISTERED];
  return manager === undefined ? context.with(active, fn) : manager.with(active, fn);
}
