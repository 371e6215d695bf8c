import type { ResolvedConfig } from '../config/options';
import { CORE_INSTRUMENTATION_NAMES } from './core-instrumentations';

/**
 * Whether the configured instrumentations patch modules as they load (the official and
 * third-party ones do, through `require-in-the-middle` and `import-in-the-middle`). The package's
 * own HTTP, Express-route and fetch tracing reads diagnostics channels and needs no module hook,
 * so an ES module application needs a loader hook only when this is true.
 */
export function usesModuleHooks(config: Pick<ResolvedConfig, 'enabled' | 'instrumentations' | 'httpInstrumentation' | 'expressMiddlewareSpans'>): boolean {
  if (!config.enabled) return false;
  const { enabled, objects } = config.instrumentations;
  if (objects.length > 0) return true;
  if (enabled.some((name) => name === 'all' || !(CORE_INSTRUMENTATION_NAMES as readonly string[]).includes(name))) return true;
  const tracesHttp = enabled.includes('http') || enabled.includes('undici');
  return (config.httpInstrumentation === 'official' && tracesHttp) || (config.expressMiddlewareSpans && enabled.includes('express'));
}
