import { context, type Context, type ContextManager } from '@opentelemetry/api';

/**
 * The context manager this package registered globally, published under the symbol registry so
 * every entry point (each is its own bundle) can reach it. `context.active()` of the API looks the
 * manager up in its global registry and checks its version on every call; hot paths that only
 * need the active context read it from the manager directly.
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
