/** Signals that end a service and deserve a flush first. */
export const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/** What to do when a shutdown signal arrives. */
export interface SignalActions {
  /** Used when this package's handler is the only one: shut tracing down before the process ends. */
  shutdown(): Promise<unknown>;
  /** Used when the application handles the signal itself: flush only, the application decides when to exit. */
  flush(): Promise<unknown>;
}

/**
 * Listens for SIGTERM and SIGINT. When no other listener exists, it shuts tracing down and then
 * re-raises the signal with its own listener removed, so the process ends exactly as Node would
 * have ended it (killed by that signal). When the application has its own listener, it only
 * flushes. A second signal while flushing ends the process at once. Returns a function that
 * removes the listeners.
 */
export function installSignalHandlers(actions: SignalActions): () => void {
  const listeners = new Map<NodeJS.Signals, () => void>();
  let handling = false;
  const remove = (): void => {
    for (const [signal, listener] of listeners) process.removeListener(signal, listener);
    listeners.clear();
  };
  const reraise = (signal: NodeJS.Signals): void => {
    remove();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    const listener = (): void => {
      if (handling) return reraise(signal);
      handling = true;
      if (process.listenerCount(signal) > 1) {
        void actions.flush().finally(() => {
          handling = false;
        });
        return;
      }
      void actions.shutdown().finally(() => reraise(signal));
    };
    listeners.set(signal, listener);
    process.on(signal, listener);
  }
  return remove;
}
