/** fast-check generators of propagation headers: valid ones, near-valid mutations and junk. */
import fc from 'fast-check';

/** Property settings: a fixed run count; `FC_SEED` replays the seed a failure printed. */
export function runs(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
  return seed === undefined ? { numRuns } : { numRuns, seed };
}

const HEX = '0123456789abcdef'.split('');

/** `length` lower-case hex digits. */
export function hex(length: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...HEX), minLength: length, maxLength: length });
}

/** `length` lower-case hex digits, not all zero. */
export function nonZeroHex(length: number): fc.Arbitrary<string> {
  return hex(length).filter((text) => !/^0+$/.test(text));
}

export const traceId = nonZeroHex(32);
export const spanId = nonZeroHex(16);

/** A valid version 00 `traceparent`. */
export const traceparent00 = fc.tuple(traceId, spanId, hex(2)).map(([trace, span, flags]) => `00-${trace}-${span}-${flags}`);

/** A valid `traceparent` of a later version (01..fe), with or without a future suffix. */
export const traceparentFuture = fc
  .tuple(hex(2).filter((version) => version !== '00' && version !== 'ff'), traceId, spanId, hex(2), fc.option(fc.stringMatching(/^[a-z0-9-]{0,20}$/), { nil: undefined }))
  .map(([version, trace, span, flags, suffix]) => `${version}-${trace}-${span}-${flags}${suffix === undefined ? '' : `-${suffix}`}`);

const KEY_CHAR = /[a-z0-9_\-*/]/;
/** A valid `tracestate` key (simple or multi-tenant). */
export const traceStateKey = fc.oneof(
  fc.stringMatching(new RegExp(`^[a-z]${KEY_CHAR.source}{0,15}$`)),
  fc.stringMatching(new RegExp(`^[a-z0-9]${KEY_CHAR.source}{0,8}@[a-z]${KEY_CHAR.source}{0,5}$`)),
);
/** A valid `tracestate` value. */
export const traceStateValue = fc.stringMatching(/^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,12}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/);

/** A valid `tracestate` header (unique keys, 1..32 members) and its members in order. */
export const traceState = fc
  .uniqueArray(fc.tuple(traceStateKey, traceStateValue), { minLength: 1, maxLength: 32, selector: ([key]) => key })
  .map((members) => ({ members, header: members.map(([key, value]) => `${key}=${value}`).join(',') }));

/** An RFC 7230 token without `%` (a baggage key that reads the same percent-decoded or not). */
export const baggageKey = fc.stringMatching(/^[A-Za-z0-9!#$&'*+\-.^_`|~]{1,12}$/);
/** A raw baggage value of `baggage-octet`s without `%` (sent as is). */
export const rawBaggageValue = fc.stringMatching(/^[\x21\x23-\x24\x26-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]{1,16}$/);
/** Baggage properties: `;`-joined `key` or `key=value`. */
export const baggageProperties = fc
  .array(fc.tuple(baggageKey, fc.option(rawBaggageValue, { nil: undefined })), { minLength: 1, maxLength: 3 })
  .map((properties) => properties.map(([key, value]) => (value === undefined ? key : `${key}=${value}`)).join(';'));

/** A baggage member with a raw value; its canonical text is what inject writes back. */
export const rawBaggageMember = fc
  .tuple(baggageKey, rawBaggageValue, fc.option(baggageProperties, { nil: undefined }))
  .map(([key, value, properties]) => `${key}=${value}${properties === undefined ? '' : `;${properties}`}`);

/** A baggage member whose value is any non-empty text, percent-encoded as `encodeURIComponent` does. */
export const encodedBaggageMember = fc
  .tuple(baggageKey, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.option(baggageProperties, { nil: undefined }))
  .map(([key, value, properties]) => `${key}=${encodeURIComponent(value)}${properties === undefined ? '' : `;${properties}`}`);

/** A valid `uber-trace-id` (Jaeger): 128-bit trace id, parent 0, flags `00`/`01`. */
export const uberTraceId = fc.tuple(traceId, spanId, fc.constantFrom('00', '01')).map(([trace, span, flags]) => `${trace}:${span}:0:${flags}`);

/** A valid single `b3` header with a 128-bit trace id and a `0`/`1` sampling state. */
export const b3Single = fc.tuple(traceId, spanId, fc.constantFrom('0', '1')).map(([trace, span, sampled]) => `${trace}-${span}-${sampled}`);

/** Valid multi-header B3 values. */
export const b3Multi = fc.tuple(traceId, spanId, fc.constantFrom('0', '1')).map(([trace, span, sampled]) => ({
  'x-b3-traceid': trace,
  'x-b3-spanid': span,
  'x-b3-sampled': sampled,
}));

const awkwardChar = fc.constantFrom('\u0000', '\u0007', '\t', '\r', '\n', ' ', '\u00a0', '\u2028', '\ud800', '\udfff', '\u{1f600}', 'é', 'Ω', '%', '%zz', '%ff', ',', ';', '=', '-', ':', '@', '"', '\\');

/**
 * Near-valid variants of `valid`: characters dropped, inserted or replaced, case changed,
 * separators swapped, the value repeated or padded to a huge length, control and non-ASCII
 * characters inserted.
 */
export function mutated(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(valid, fc.nat()).map(([text, at]) => text.slice(0, at % (text.length + 1)) + text.slice((at % (text.length + 1)) + 1)),
    fc.tuple(valid, fc.nat(), fc.oneof(awkwardChar, fc.string({ maxLength: 3 }))).map(([text, at, insert]) => {
      const index = at % (text.length + 1);
      return text.slice(0, index) + insert + text.slice(index);
    }),
    fc.tuple(valid, fc.nat(), awkwardChar).map(([text, at, replacement]) => {
      const index = at % Math.max(1, text.length);
      return text.slice(0, index) + replacement + text.slice(index + 1);
    }),
    valid.map((text) => text.toUpperCase()),
    fc.tuple(valid, fc.constantFrom('-', ':', ',', ';', '=', ' ', '')).map(([text, separator]) => text.replace(/[-:,;=]/g, separator)),
    fc.tuple(valid, fc.integer({ min: 2, max: 400 })).map(([text, times]) => Array.from({ length: times }, () => text).join(',')),
    fc.tuple(valid, fc.constantFrom(' ', ',', '0', 'a', '=', '\t')).map(([text, pad]) => text + pad.repeat(20_000)),
    fc.tuple(valid, fc.constantFrom(' ', '\t', ',')).map(([text, pad]) => pad.repeat(20_000) + text),
    fc.tuple(valid, valid).map(([first, second]) => first + second),
  );
}

/** Any header value: arbitrary text, a valid or near-valid one, or an array of those. */
export function headerValue(valid: fc.Arbitrary<string>): fc.Arbitrary<string | string[]> {
  const single = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }), valid, mutated(valid));
  return fc.oneof(single, fc.array(single, { minLength: 0, maxLength: 12 }), fc.array(valid, { minLength: 2, maxLength: 120 }));
}
