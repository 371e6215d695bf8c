import { propagation, type Baggage, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { MAX_BAGGAGE_BYTES, MAX_BAGGAGE_MEMBERS } from '../w3c/baggage-limits';
import { UBER_BAGGAGE_PREFIX } from './jaeger-headers';

/** RFC 7230 `token`: what an HTTP header name may be made of. */
const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function firstString(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.find((entry) => typeof entry === 'string') : value;
}

/**
 * Reads `uberctx-*` entries into `baggage`: at most {@link MAX_BAGGAGE_MEMBERS} keys and
 * {@link MAX_BAGGAGE_BYTES} bytes of keys and values together are taken, in the carrier's key
 * order; values are percent-decoded, and an entry that does not decode is skipped. Returns
 * `undefined` when the carrier has no usable entry.
 */
export function readJaegerBaggage(carrier: unknown, getter: TextMapGetter, baggage: Baggage | undefined): Baggage | undefined {
  let result = baggage;
  let members = 0;
  let budget = MAX_BAGGAGE_BYTES;
  let found = false;
  for (const name of getter.keys(carrier)) {
    if (members >= MAX_BAGGAGE_MEMBERS || budget <= 0) break;
    if (name.length <= UBER_BAGGAGE_PREFIX.length || name.slice(0, UBER_BAGGAGE_PREFIX.length).toLowerCase() !== UBER_BAGGAGE_PREFIX) continue;
    const raw = firstString(getter.get(carrier, name));
    if (raw === undefined) continue;
    const key = name.slice(UBER_BAGGAGE_PREFIX.length);
    const size = utf8Bytes(key) + utf8Bytes(raw);
    if (size > budget) break;
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      continue;
    }
    budget -= size;
    members += 1;
    found = true;
    result = (result ?? propagation.createBaggage()).setEntry(key, { value });
  }
  return found ? result : undefined;
}

/**
 * Writes baggage as `uberctx-{key}` headers with percent-encoded values, within the same member
 * and byte limits; a key that cannot be an HTTP header name is skipped, so the carrier never gets
 * a header Node would refuse to send.
 */
export function writeJaegerBaggage(baggage: Baggage, carrier: unknown, setter: TextMapSetter): void {
  let members = 0;
  let budget = MAX_BAGGAGE_BYTES;
  for (const [key, entry] of baggage.getAllEntries()) {
    if (members >= MAX_BAGGAGE_MEMBERS) break;
    if (!HEADER_TOKEN.test(key)) continue;
    const value = encodeURIComponent(entry.value);
    const size = utf8Bytes(key) + value.length;
    if (size > budget) continue;
    budget -= size;
    members += 1;
    setter.set(carrier, `${UBER_BAGGAGE_PREFIX}${key}`, value);
  }
}
