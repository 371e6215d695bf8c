import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Instrumentation } from '../sdk/sdk-types';
import type { CoreInstrumentationName, ResolvedConfig } from '../config/options';
import { LOG_PREFIX } from '../config/warnings';
import { CORE_INSTRUMENTATION_NAMES, createCoreInstrumentation } from './core-instrumentations';
import { createLeanCoreInstrumentation } from './lean/select';
import { MissingOptionalPackageError } from '../optional-package';

const AUTO_PACKAGE = '@opentelemetry/auto-instrumentations-node';
const PACKAGE_PREFIX = '@opentelemetry/instrumentation-';

/** Warning when names beyond the core set are asked for without the optional full set installed. */
export function autoInstrumentationsMissingWarning(requested: readonly string[]): string {
  return `${LOG_PREFIX} instrumentations ${requested.join(', ')} need the optional package ${AUTO_PACKAGE}; install it next to otel-bootstrap. Using only ${CORE_INSTRUMENTATION_NAMES.join(', ')} meanwhile.`;
}

/** Warning for an instrumentation name that neither this package nor the full set knows. */
export function unknownInstrumentationWarning(name: string): string {
  return `${LOG_PREFIX} unknown instrumentation ${JSON.stringify(name)}; it was skipped and the others kept.`;
}

const isCore = (name: string): name is CoreInstrumentationName => (CORE_INSTRUMENTATION_NAMES as readonly string[]).includes(name);

/**
 * Builds the instrumentations the configuration asks for, disabled until the manager enables
 * them: the named ones, then the caller's instances. The core three are configured here; any other
 * name comes from the optional full set, which is loaded only when needed.
 */
export function createInstrumentations(config: Pick<ResolvedConfig, 'instrumentations' | 'ignorePaths' | 'expressMiddlewareSpans' | 'httpInstrumentation'>): {
  instrumentations: Instrumentation[];
  warnings: string[];
} {
  const { objects } = config.instrumentations;
  const named = createNamedInstrumentations(config);
  return { instrumentations: [...named.instrumentations, ...objects], warnings: named.warnings };
}

function createNamedInstrumentations(config: Pick<ResolvedConfig, 'instrumentations' | 'ignorePaths' | 'expressMiddlewareSpans' | 'httpInstrumentation'>): {
  instrumentations: Instrumentation[];
  warnings: string[];
} {
  const { enabled, disabled } = config.instrumentations;
  const wantsAll = enabled.includes('all');
  const coreNames = wantsAll ? CORE_INSTRUMENTATION_NAMES.filter((name) => !disabled.includes(name)) : enabled.filter(isCore);
  const instrumentations: Instrumentation[] = [];
  const coreWarnings: string[] = [];
  for (const name of coreNames) {
    // The lean HTTP implementation replaces `http` (and `express` route naming) unless `official` is asked for.
    const lean = createLeanCoreInstrumentation(name, config);
    if (lean === null) continue;
    if (lean !== undefined) {
      instrumentations.push(lean);
      continue;
    }
    try {
      instrumentations.push(createCoreInstrumentation(name, config));
    } catch (error) {
      if (!(error instanceof MissingOptionalPackageError)) throw error;
      const fallback = createLeanCoreInstrumentation(name, { ...config, httpInstrumentation: 'lean', expressMiddlewareSpans: false });
      coreWarnings.push(`${error.message} ${officialFallbackText(name, fallback !== null && fallback !== undefined)}`);
      if (fallback !== null && fallback !== undefined) instrumentations.push(fallback);
    }
  }
  const otherNames = enabled.filter((name) => name !== 'all' && !isCore(name));
  if (!wantsAll && otherNames.length === 0) return { instrumentations, warnings: coreWarnings };

  let auto: typeof import('@opentelemetry/auto-instrumentations-node');
  let known: string[];
  try {
    auto = require(AUTO_PACKAGE) as typeof import('@opentelemetry/auto-instrumentations-node');
    known = knownAutoInstrumentationNames();
  } catch {
    return { instrumentations, warnings: [...coreWarnings, autoInstrumentationsMissingWarning(wantsAll ? ['all'] : otherNames)] };
  }
  const warnings = [...coreWarnings, ...otherNames.filter((name) => !known.includes(name)).map(unknownInstrumentationWarning)];
  // The core three are built above with this package's settings. With `all`, every other
  // instrumentation keeps the full set's own default (it leaves `fs` and a few noisy ones off)
  // unless it is named or disabled.
  const explicit: Record<string, { enabled: boolean }> = {};
  for (const name of known) {
    const key = `${PACKAGE_PREFIX}${name}`;
    if (isCore(name) || disabled.includes(name)) explicit[key] = { enabled: false };
    else if (otherNames.includes(name)) explicit[key] = { enabled: true };
    else if (!wantsAll) explicit[key] = { enabled: false };
  }
  const fromAuto = auto.getNodeAutoInstrumentations(explicit);
  return { instrumentations: [...instrumentations, ...fromAuto], warnings };
}

/** Short names (`pg`, `redis`) of every instrumentation the full set carries. */
function knownAutoInstrumentationNames(): string[] {
  const entry = require.resolve(AUTO_PACKAGE);
  let directory = dirname(entry);
  while (!directory.endsWith(join('auto-instrumentations-node'))) directory = dirname(directory);
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {})
    .filter((dependency) => dependency.startsWith(PACKAGE_PREFIX))
    .map((dependency) => dependency.slice(PACKAGE_PREFIX.length));
}

/** What runs instead of an official core instrumentation whose package is missing. */
function officialFallbackText(name: CoreInstrumentationName, leanUsed: boolean): string {
  if (leanUsed) return `Using the package's own ${name === 'undici' ? 'fetch' : 'HTTP'} instrumentation instead.`;
  return 'Server spans are still named after the Express route; no per-middleware spans are recorded.';
}
