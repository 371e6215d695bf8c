import { enableCompileCache } from 'node:module';

/**
 * Turns on Node's on-disk compile cache before the package's code loads, so later starts of the
 * service read this package's (and the application's) compiled code from the cache instead of
 * parsing it again. Node checks every cached entry against the source, writes the cache to its
 * own temporary folder and leaves it off under `NODE_DISABLE_COMPILE_CACHE=1`; an already
 * enabled cache (`NODE_COMPILE_CACHE`) is kept. `OTEL_BOOTSTRAP_COMPILE_CACHE=false` leaves it off.
 */
export function enableCompileCacheUnlessDisabled(env: NodeJS.ProcessEnv): void {
  if (env.OTEL_BOOTSTRAP_COMPILE_CACHE?.trim().toLowerCase() === 'false') return;
  try {
    enableCompileCache();
  } catch {
    // A cache that cannot be used changes nothing but start-up time.
  }
}
