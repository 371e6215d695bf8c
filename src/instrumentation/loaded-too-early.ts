import type { ResolvedConfig } from '../config/options';
import { LOG_PREFIX } from '../config/warnings';

/** Modules the official instrumentations patch when they are required, by instrumentation name. */
const PATCHED_ON_REQUIRE: Readonly<Record<string, readonly string[]>> = { express: ['express'] };

/** Warning when modules the official instrumentations patch on load were loaded before `init()`. */
export function loadedTooEarlyWarning(modules: readonly string[]): string {
  return `${LOG_PREFIX} ${modules.join(', ')} ${modules.length === 1 ? 'was' : 'were'} loaded before init(); with httpInstrumentation "official" ${modules.length === 1 ? 'it' : 'they'} cannot be instrumented, so ${modules.length === 1 ? 'its' : 'their'} requests make no spans. Start tracing first (node --require otel-bootstrap/register, or init() before any other require), or use httpInstrumentation "lean", which traces modules loaded earlier.`;
}

/**
 * With the official HTTP instrumentation, the modules it patches on `require` must load after
 * `init()`. Looks for them in the CommonJS module cache (ES modules loaded earlier cannot be seen).
 */
export function modulesLoadedTooEarlyWarning(
  config: Pick<ResolvedConfig, 'httpInstrumentation' | 'instrumentations'>,
  loadedFiles: readonly string[] = Object.keys(require.cache),
): string | undefined {
  if (config.httpInstrumentation !== 'official') return undefined;
  const { enabled } = config.instrumentations;
  const watched = Object.entries(PATCHED_ON_REQUIRE)
    .filter(([instrumentation]) => enabled.includes(instrumentation) || enabled.includes('all'))
    .flatMap(([, modules]) => modules);
  const loaded = watched.filter((module) => loadedFiles.some((file) => file.includes(`/node_modules/${module}/`) || file.includes(`\\node_modules\\${module}\\`)));
  return loaded.length === 0 ? undefined : loadedTooEarlyWarning(loaded);
}
