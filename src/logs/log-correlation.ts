import { readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { LOGGER_ENTRIES, patchLogger, type LoggerName, type Unpatch } from './logger-patches';

/** Where the line added to a logger's entry file finds this package: the symbol registry, shared by every copy. */
const ON_LOADED = Symbol.for('otel-bootstrap.log-correlation.loaded');

type Registry = typeof globalThis & { [ON_LOADED]?: (name: LoggerName, exports: unknown) => void };
type LoadHook = (url: string, context: object, nextLoad: (url: string, context?: object) => { format?: string | null; source?: unknown }) => { format?: string | null; source?: unknown };
type RegisterHooks = (hooks: { load: LoadHook }) => { deregister(): void };
interface CachedModule {
  loaded: boolean;
  exports: unknown;
}

/** The logger whose entry file `location` (a path or a `file:` URL) is, if any. */
export function loggerAt(location: string): LoggerName | undefined {
  const normalized = location.replace(/\\/g, '/');
  for (const name of Object.keys(LOGGER_ENTRIES) as LoggerName[]) if (normalized.endsWith(LOGGER_ENTRIES[name])) return name;
  return undefined;
}

/** The line appended to a logger's entry file: it hands the module's exports to this package once they exist. */
function announceLine(name: LoggerName): string {
  return `\n;(globalThis[Symbol.for('otel-bootstrap.log-correlation.loaded')] || function () {})(${JSON.stringify(name)}, module.exports);\n`;
}

function sourceText(source: unknown, url: string): string | undefined {
  if (typeof source === 'string') return source;
  if (source instanceof Uint8Array) return Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString('utf8');
  if (source === undefined || source === null) {
    try {
      return readFileSync(fileURLToPath(url), 'utf8');
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Runs `then` once `module` has finished executing (`loaded` becomes true). */
function whenLoaded(module: CachedModule, then: () => void): void {
  let loaded = module.loaded;
  Object.defineProperty(module, 'loaded', {
    configurable: true,
    enumerable: true,
    get: () => loaded,
    set(value: boolean) {
      loaded = value;
      if (!value) return;
      Object.defineProperty(module, 'loaded', { configurable: true, enumerable: true, writable: true, value: true });
      then();
    },
  });
}

/**
 * Adds `trace_id`, `span_id` and `trace_flags` to pino, winston and bunyan records written inside
 * a span, for CommonJS and ESM applications alike. Copies loaded before tracing started are
 * patched at once (or as soon as they finish loading, for an ESM app whose imports were linked
 * before `init()` ran); later ones through a synchronous `module.registerHooks` load hook, which
 * sees `require` and `import` in the same thread and only appends one line to each logger's entry
 * file. Returns what undoes it all.
 */
export function enableLogCorrelation(): () => void {
  const unpatches: Unpatch[] = [];
  const onLoaded = (name: LoggerName, exports: unknown): void => {
    const unpatch = patchLogger(name, exports);
    if (unpatch !== undefined) unpatches.push(unpatch);
  };
  const registry = globalThis as Registry;
  registry[ON_LOADED] = onLoaded;
  for (const [filename, cached] of Object.entries(require.cache)) {
    const name = loggerAt(filename);
    if (name === undefined || cached === undefined) continue;
    const module = cached as CachedModule;
    if (module.loaded) onLoaded(name, module.exports);
    else whenLoaded(module, () => onLoaded(name, module.exports));
  }
  const registerHooks = (nodeModule as unknown as { registerHooks?: RegisterHooks }).registerHooks;
  const hooks = registerHooks?.({
    load(url, context, nextLoad) {
      const result = nextLoad(url, context);
      const name = loggerAt(url);
      // `require` of a package without a `type` leaves the format unset; `import` of it says commonjs.
      if (name === undefined || (result.format !== undefined && result.format !== null && result.format !== 'commonjs')) return result;
      const text = sourceText(result.source, url);
      return text === undefined ? result : { ...result, source: text + announceLine(name) };
    },
  });
  return () => {
    hooks?.deregister();
    if (registry[ON_LOADED] === onLoaded) delete registry[ON_LOADED];
    for (const unpatch of unpatches.splice(0)) unpatch();
  };
}
