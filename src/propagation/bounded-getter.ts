import type { TextMapGetter } from '@opentelemetry/api';

/** A header value longer than this many characters is cut before a propagator sees it. */
export const MAX_HEADER_VALUE_CHARS = 8192;
/** Of a header given as an array, only this many leading values are passed on. */
export const MAX_HEADER_VALUES = 8;
/** One extraction hands out at most this many characters over all headers (`uberctx-*` included). */
export const MAX_EXTRACT_CHARS = 65_536;
/** Of a carrier's keys, only this many are listed to propagators that scan keys (Jaeger `uberctx-*`). */
export const MAX_HEADER_KEYS = 4096;

/**
 * Cuts `value` to at most `limit` characters. Header lists (`baggage`, `tracestate`) are cut at
 * the last `,` within the limit, so no list member is split; a longer value with no `,` there is
 * dropped, since a cut single value (an id, a `b3` header) would be a different value.
 */
function cutValue(value: string, limit: number): string | undefined {
  if (value.length <= limit) return value;
  const comma = value.lastIndexOf(',', limit);
  return comma > 0 ? value.slice(0, comma) : undefined;
}

/**
 * Wraps a getter for one extraction so that no propagator does unbounded work, whatever the
 * carrier holds: a string value is cut to {@link MAX_HEADER_VALUE_CHARS}; an array keeps at most
 * {@link MAX_HEADER_VALUES} string values of at most that many characters together; non-string
 * values are not passed on; all values handed out share {@link MAX_EXTRACT_CHARS}; `keys` lists at
 * most {@link MAX_HEADER_KEYS}. Create one per extraction: the shared budget is spent as it is read.
 */
export function createBoundedGetter<Carrier>(getter: TextMapGetter<Carrier>): TextMapGetter<Carrier> {
  let budget = MAX_EXTRACT_CHARS;
  const take = (value: string, limit: number): string | undefined => {
    const cut = cutValue(value, Math.min(limit, budget));
    if (cut !== undefined) budget -= cut.length;
    return cut;
  };
  return {
    keys: (carrier) => {
      const keys = getter.keys(carrier);
      return keys.length > MAX_HEADER_KEYS ? keys.slice(0, MAX_HEADER_KEYS) : keys;
    },
    get: (carrier, key) => {
      const value: unknown = getter.get(carrier, key);
      if (typeof value === 'string') return take(value, MAX_HEADER_VALUE_CHARS);
      if (!Array.isArray(value)) return undefined;
      const values: string[] = [];
      let remaining = MAX_HEADER_VALUE_CHARS;
      for (const entry of value as unknown[]) {
        if (values.length === MAX_HEADER_VALUES || remaining <= 0) break;
        if (typeof entry !== 'string') continue;
        const cut = take(entry, remaining);
        if (cut === undefined) break;
        values.push(cut);
        remaining -= cut.length;
      }
      return values.length > 0 ? values : undefined;
    },
  };
}
