import { currentTraceIds } from './trace-ids';

/** The loggers whose records get trace ids, and the file each package's entry point is. */
export const LOGGER_ENTRIES = {
  pino: '/node_modules/pino/pino.js',
  winston: '/node_modules/winston/lib/winston.js',
  bunyan: '/node_modules/bunyan/lib/bunyan.js',
} as const;

export type LoggerName = keyof typeof LOGGER_ENTRIES;

/** Puts a method back as it was; patches are made on shared prototypes, once per loaded copy. */
export type Unpatch = () => void;

const kPatched = Symbol.for('otel-bootstrap.log-correlation.patched');

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Holder = Record<PropertyKey, unknown> & { [kPatched]?: true };

/** Replaces `holder[key]` by `wrap(original)` unless this package already did; returns the undo. */
function patchMethod(holder: Holder, key: PropertyKey, wrap: (original: Method) => Method): Unpatch | undefined {
  const original = holder[key];
  if (typeof original !== 'function' || holder[kPatched] === true) return undefined;
  const patched = wrap(original as Method);
  holder[key] = patched;
  holder[kPatched] = true;
  return () => {
    if (holder[key] === patched) holder[key] = original;
    delete holder[kPatched];
  };
}

/** Adds the trace fields a record does not already have; `record` is one the logger made for this call. */
function addTraceIds(record: Record<string, unknown>): void {
  const ids = currentTraceIds();
  if (ids === undefined) return;
  if (record.trace_id === undefined) record.trace_id = ids.trace_id;
  if (record.span_id === undefined) record.span_id = ids.span_id;
  if (record.trace_flags === undefined) record.trace_flags = ids.trace_flags;
}

/**
 * pino: every logger (children too) inherits `asJson` from one shared prototype; the patched one
 * serializes a copy of the merged object with the trace fields in front (the caller's own fields
 * win, as with a pino `mixin`). The prototype is reached through a logger on a null stream.
 */
function patchPino(pino: unknown): Unpatch | undefined {
  if (typeof pino !== 'function') return undefined;
  const asJsonSym = (pino as { symbols?: { asJsonSym?: symbol } }).symbols?.asJsonSym;
  if (asJsonSym === undefined) return undefined;
  const probe = (pino as (options: object, stream: { write(line: string): void }) => object)({}, { write: () => undefined });
  const shared = Object.getPrototypeOf(Object.getPrototypeOf(probe)) as Holder | null;
  if (shared === null) return undefined;
  return patchMethod(shared, asJsonSym, (original) =>
    function asJsonWithTraceIds(this: unknown, obj: unknown, ...rest: unknown[]): unknown {
      const ids = currentTraceIds();
      if (ids === undefined || typeof obj !== 'object' || obj === null) return original.call(this, obj, ...rest);
      return original.call(this, Object.assign({ trace_id: ids.trace_id, span_id: ids.span_id, trace_flags: ids.trace_flags }, obj), ...rest);
    },
  );
}

/** winston: the info object of each record passes through `Logger.prototype._transform` before the formats. */
function patchWinston(winston: unknown): Unpatch | undefined {
  const prototype = (winston as { Logger?: { prototype?: Holder } } | undefined)?.Logger?.prototype;
  if (prototype === undefined) return undefined;
  return patchMethod(prototype, '_transform', (original) =>
    function transformWithTraceIds(this: unknown, info: unknown, ...rest: unknown[]): unknown {
      if (typeof info === 'object' && info !== null) addTraceIds(info as Record<string, unknown>);
      return original.call(this, info, ...rest);
    },
  );
}

/** bunyan: each record is built by bunyan and handed to `Logger.prototype._emit`. */
function patchBunyan(bunyan: unknown): Unpatch | undefined {
  const prototype = (bunyan as { prototype?: Holder } | undefined)?.prototype;
  if (typeof bunyan !== 'function' || prototype === undefined) return undefined;
  return patchMethod(prototype, '_emit', (original) =>
    function emitWithTraceIds(this: unknown, record: unknown, ...rest: unknown[]): unknown {
      if (typeof record === 'object' && record !== null) addTraceIds(record as Record<string, unknown>);
      return original.call(this, record, ...rest);
    },
  );
}

/** Patches the exports of one loaded logger package; undefined when the package is not of a known shape. */
export function patchLogger(name: LoggerName, exports: unknown): Unpatch | undefined {
  try {
    switch (name) {
      case 'pino':
        return patchPino(exports);
      case 'winston':
        return patchWinston(exports);
      case 'bunyan':
        return patchBunyan(exports);
    }
  } catch {
    // A logger version of another shape is left as it is.
    return undefined;
  }
}
