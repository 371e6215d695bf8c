import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { MAX_HEADER_VALUES } from './bounded-getter';
import { MAX_BAGGAGE_BYTES } from './w3c/baggage-limits';

/**
 * One header value as Node, fetch and message clients carry it: Node `IncomingHttpHeaders` /
 * `OutgoingHttpHeaders` values (string, string[], number), and binary message-header values
 * (`Buffer` / `Uint8Array`, alone or in arrays, as Kafka, RabbitMQ and NATS clients use).
 */
export type HeaderValue = string | number | Uint8Array | ReadonlyArray<string | Uint8Array> | null | undefined;

/** A plain header object: Node HTTP headers, a string map, or binary message headers. Keys match case-insensitively. */
export type HeaderRecord = Record<string, HeaderValue>;

/**
 * An object with `get`/`set`/`keys` methods: a fetch `Headers` instance, a `Map`, or a
 * client's header class (NATS `MsgHdrs`). Keys match case-insensitively.
 */
export interface HeaderMapLike {
  get(name: string): unknown;
  set(name: string, value: string): void;
  keys(): Iterable<string>;
}

/** Anything {@link inject} writes to and {@link extract} reads from. */
export type PropagationCarrier = HeaderRecord | HeaderMapLike;

export { MAX_BAGGAGE_BYTES, MAX_BAGGAGE_MEMBERS } from './w3c/baggage-limits';
/** A propagation header value longer than this (other than baggage, which is cut) is ignored. */
export const MAX_HEADER_BYTES = 8192;

const utf8 = new TextDecoder('utf-8');

function isMapLike(carrier: object): carrier is HeaderMapLike {
  const candidate = carrier as Partial<Record<'get' | 'set' | 'keys', unknown>>;
  return typeof candidate.get === 'function' && typeof candidate.set === 'function' && typeof candidate.keys === 'function';
}

function isFetchHeaders(carrier: object): boolean {
  return typeof Headers === 'function' && carrier instanceof Headers;
}

/** Whether a value can be used as a carrier at all. */
export function isCarrier(value: unknown): value is PropagationCarrier {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one raw value as text; `limit` bounds how much of a binary value is decoded. */
function decodeOne(value: unknown, limit: number): string | undefined {
  if (typeof value === 'string') return value.length > limit ? value.slice(0, limit) : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return utf8.decode(value.byteLength > limit ? value.subarray(0, limit) : value);
  return undefined;
}

/**
 * Text of a raw header value as a list (at most {@link MAX_HEADER_VALUES} array elements are
 * read), decoding at most `limit + 1` bytes per element.
 */
function decode(value: unknown, limit: number): string[] {
  const elements: unknown[] = Array.isArray(value) ? (value as unknown[]).slice(0, MAX_HEADER_VALUES) : [value];
  const texts: string[] = [];
  for (const element of elements) {
    const text = decodeOne(element, limit + 1);
    if (text !== undefined) texts.push(text);
  }
  return texts;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** How many leading characters of `text` fit in `budget` UTF-8 bytes; looks at most `budget + 1` characters. */
function charsWithinBytes(text: string, budget: number): number {
  let used = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.codePointAt(index) as number;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (used + size > budget) break;
    used += size;
    index += code >= 0x10000 ? 2 : 1;
  }
  return index;
}

/**
 * Cuts a baggage header to whole list members within `budget` UTF-8 bytes: members past the
 * limit are dropped, never split. Looks at no more than `budget + 1` characters.
 */
export function cutBaggage(value: string, budget: number = MAX_BAGGAGE_BYTES): string {
  const fitting = charsWithinBytes(value, Math.max(0, budget));
  if (fitting === value.length) return value;
  if (value.charAt(fitting) === ',') return value.slice(0, fitting);
  const comma = value.lastIndexOf(',', fitting - 1);
  return comma > 0 ? value.slice(0, comma) : '';
}

function isBaggageKey(key: string): boolean {
  return key === 'baggage' || key.startsWith('uberctx-') || key.startsWith('ot-baggage-');
}

function findRecordValue(carrier: HeaderRecord, key: string): unknown {
  if (Object.prototype.hasOwnProperty.call(carrier, key)) return carrier[key];
  const wanted = key.toLowerCase();
  for (const name of Object.keys(carrier)) {
    if (name.toLowerCase() === wanted) return carrier[name];
  }
  return undefined;
}

function findMapValue(carrier: HeaderMapLike, key: string): unknown {
  const direct = carrier.get(key);
  if ((direct !== undefined && direct !== null && direct !== '') || isFetchHeaders(carrier)) return direct ?? undefined;
  const wanted = key.toLowerCase();
  for (const name of carrier.keys()) {
    if (name !== key && name.toLowerCase() === wanted) return carrier.get(name);
  }
  return direct ?? undefined;
}

function carrierKeys(carrier: PropagationCarrier): string[] {
  return isMapLike(carrier) ? Array.from(carrier.keys()) : Object.keys(carrier);
}

/**
 * A getter for one extraction: reads any supported carrier case-insensitively, decodes binary
 * values as UTF-8 and ignores oversized values. Repeated values (arrays) are passed on as
 * arrays, so each propagator applies its own rule (W3C combines `tracestate` values and rejects
 * several `traceparent`s). All baggage headers (`baggage`, `uberctx-*`, `ot-baggage-*`) share
 * one {@link MAX_BAGGAGE_BYTES} budget; what is past it is cut at a member boundary or dropped.
 */
export function createGetter(): TextMapGetter<PropagationCarrier> {
  let baggageBudget = MAX_BAGGAGE_BYTES;
  return {
    keys: (carrier) => carrierKeys(carrier),
    get: (carrier, key) => {
      const raw = isMapLike(carrier) ? findMapValue(carrier, key) : findRecordValue(carrier, key);
      const name = key.toLowerCase();
      if (!isBaggageKey(name)) {
        const values = decode(raw, MAX_HEADER_BYTES).filter((value) => byteLength(value) <= MAX_HEADER_BYTES);
        return values.length <= 1 ? values[0] : values;
      }
      const joined = decode(raw, MAX_BAGGAGE_BYTES).join(',');
      const cut = name === 'baggage' ? cutBaggage(joined, baggageBudget) : byteLength(joined) <= baggageBudget ? joined : '';
      baggageBudget -= byteLength(cut);
      return cut === '' ? undefined : cut;
    },
  };
}

/**
 * A setter for any supported carrier. Plain objects lose other-case copies of the key so one
 * header is sent; with `binary` the value is written as a `Buffer` (except to fetch `Headers`,
 * which hold text only).
 */
export function createSetter(binary: boolean): TextMapSetter<PropagationCarrier> {
  return {
    set: (carrier, key, value) => {
      if (isMapLike(carrier)) {
        const fetchHeaders = isFetchHeaders(carrier);
        const remove = (carrier as Partial<Record<'delete', unknown>>).delete;
        if (!fetchHeaders && typeof remove === 'function') {
          const wanted = key.toLowerCase();
          for (const name of Array.from(carrier.keys())) {
            if (name !== key && name.toLowerCase() === wanted) (remove as (name: string) => unknown).call(carrier, name);
          }
        }
        const useBuffer = binary && !fetchHeaders;
        (carrier.set as (name: string, value: unknown) => void).call(carrier, key, useBuffer ? Buffer.from(value, 'utf8') : value);
        return;
      }
      const wanted = key.toLowerCase();
      for (const name of Object.keys(carrier)) {
        if (name !== key && name.toLowerCase() === wanted) delete carrier[name];
      }
      carrier[key] = binary ? Buffer.from(value, 'utf8') : value;
    },
  };
}
