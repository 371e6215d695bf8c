import { isBuiltin } from 'node:module';
import type { RunningComponents } from '../config/describe';
import type { ResolvedConfig } from '../config/options';
import type { Instrumentation } from '../sdk/sdk-types';
import { LEAN_FETCH_SCOPE } from './lean/lean-fetch-instrumentation';
import { LEAN_HTTP_SCOPE } from './lean/lean-http-instrumentation';

const PACKAGE_PREFIX = '@opentelemetry/instrumentation-';

type WithModules = Instrumentation & { getModuleDefinitions?: () => Array<{ name?: unknown }> };

/**
 * Names what the built instrumentations cover, for the configuration summary: short names
 * (`http`, `pg`), `express` with the lean HTTP instrumentation (it names server spans after the
 * route), and apart from those the instrumentations whose module cannot be found from `fromDirectory`
 * (nothing for them to instrument).
 */
export function describeRunningInstrumentations(
  instrumentations: readonly Instrumentation[],
  config: Pick<ResolvedConfig, 'instrumentations'>,
  fromDirectory: string = process.cwd(),
): RunningComponents {
  const running: string[] = [];
  const withoutModule: string[] = [];
  for (const instrumentation of instrumentations) {
    const name = shortName(instrumentation.instrumentationName);
    if (instrumentation.instrumentationName === LEAN_HTTP_SCOPE) {
      running.push(name);
      const { enabled } = config.instrumentations;
      if (enabled.includes('express') || enabled.includes('all')) running.push('express');
      continue;
    }
    if (moduleMissing(instrumentation, fromDirectory)) withoutModule.push(name);
    else running.push(name);
  }
  return { instrumentations: [...new Set(running)], instrumentationsWithoutModule: withoutModule };
}

function shortName(instrumentationName: string): string {
  if (instrumentationName === LEAN_HTTP_SCOPE) return 'http';
  if (instrumentationName === LEAN_FETCH_SCOPE) return 'undici';
  return instrumentationName.startsWith(PACKAGE_PREFIX) ? instrumentationName.slice(PACKAGE_PREFIX.length) : instrumentationName;
}

/** Whether none of the modules an official-style instrumentation patches is a builtin or installed. */
function moduleMissing(instrumentation: WithModules, fromDirectory: string): boolean {
  let names: string[];
  try {
    names = (instrumentation.getModuleDefinitions?.() ?? []).map((definition) => definition.name).filter((name): name is string => typeof name === 'string');
  } catch {
    return false;
  }
  if (names.length === 0) return false;
  return !names.some((name) => isBuiltin(name) || resolvable(name, fromDirectory));
}

function resolvable(name: string, fromDirectory: string): boolean {
  for (const request of [`${name}/package.json`, name]) {
    try {
      require.resolve(request, { paths: [fromDirectory] });
      return true;
    } catch {
      // try the next form: packages with an `exports` map may hide package.json
    }
  }
  return false;
}
