import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';

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

/** W3C Baggage: at most this many bytes of baggage are read from a carrier. */
export const MAX_BAGGAGE_BYTES = 8192;
/** W3C Baggage (as `@opentelemetry/core` applies it): at most this many list members. */
export const MAX_BAGGAGE_MEMBERS = 180;
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
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return utf8.decode(value.byteLength > limit ? value.subarray(0, limit) : value);
  return undefined;
}

/** Text of a raw header value (arrays become arrays of text), decoding at most `limit + 1` bytes per element. */
function decode(value: unknown, limit: number): string | string[] | undefined {
  if (Array.isArray(value)) {
    const texts: string[] = [];
    for (const element of value as unknown[]) {
      const text = decodeOne(element, limit + 1);
      if (text !== undefined) texts.push(text);
    }
    return texts.length > 0 ? texts : undefined;
  }
  return decodeOne(value, limit + 1);
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Cuts a baggage header to whole list members within `budget` bytes and
 * {@link MAX_BAGGAGE_MEMBERS} members. Members past the limit are dropped, never split.
 */
export function cutBaggage(value: string, budget: number = MAX_BAGGAGE_BYTES): string {
  if (byteLength(value) <= budget && !value.includes(',')) return value;
  const kept: string[] = [];
  let used = 0;
  for (const member of value.split(',')) {
    if (member.trim() === '') continue;
    const cost = byteLength(member) + (kept.length > 0 ? 1 : 0);
    if (used + cost > budget || kept.length >= MAX_BAGGAGE_MEMBERS) break;
    kept.push(member);
    used += cost;
  }
  return kept.join(',');
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
 * values as UTF-8, ignores oversized values and shares one {@link MAX_BAGGAGE_BYTES} budget
 * among all baggage headers (`baggage`, `uberctx-*`, `ot-baggage-*`), cutting the rest.
 */
export function createGetter(): TextMapGetter<PropagationCarrier> {
  let baggageBudget = MAX_BAGGAGE_BYTES;
  return {
    keys: (carrier) => carrierKeys(carrier),
    get: (carrier, key) => {
      const raw = isMapLike(carrier) ? findMapValue(carrier, key) : findRecordValue(carrier, key);
      const baggage = isBaggageKey(key.toLowerCase());
      const value = decode(raw, baggage ? MAX_BAGGAGE_BYTES : MAX_HEADER_BYTES);
      if (value === undefined) return undefined;
      if (!baggage) {
        const first = Array.isArray(value) ? value[0] : value;
        return first === undefined || byteLength(first) > MAX_HEADER_BYTES ? undefined : first;
      }
      const joined = Array.isArray(value) ? value.join(',') : value;
      const cut = key.toLowerCase() === 'baggage' ? cutBaggage(joined, baggageBudget) : byteLength(joined) <= baggageBudget ? joined : '';
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
