/**
 * The character classes and the percent-encoding of W3C Baggage: keys are RFC 7230 tokens,
 * values are `baggage-octet`s holding percent-encoded UTF-8.
 */

const TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";
const PERCENT = 0x25;
const utf8Encoder = new TextEncoder();
// Not fatal: invalid UTF-8 becomes U+FFFD, as the spec asks; the BOM is data, not a marker.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function isAlphaNumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Whether `text` is a non-empty RFC 7230 token (a baggage key or property key). */
export function isToken(text: string): boolean {
  if (text === '') return false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (!isAlphaNumeric(code) && !TOKEN_SYMBOLS.includes(text.charAt(index))) return false;
  }
  return true;
}

/** Whether `code` is a `baggage-octet`: printable ASCII except `"`, `,`, `;` and `\`. */
export function isBaggageOctet(code: number): boolean {
  return code === 0x21 || (code >= 0x23 && code <= 0x2b) || (code >= 0x2d && code <= 0x3a) || (code >= 0x3c && code <= 0x5b) || (code >= 0x5d && code <= 0x7e);
}

/** Whether every character of `text` is a `baggage-octet` (the empty value is allowed). */
export function isBaggageValue(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    if (!isBaggageOctet(text.charCodeAt(index))) return false;
  }
  return true;
}

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

/**
 * Decodes a baggage value (only `baggage-octet`s): `%XX` escapes become bytes, the bytes are read
 * as UTF-8 with U+FFFD for invalid sequences. A `%` not followed by two hex digits stays as it is.
 */
export function percentDecode(value: string): string {
  if (!value.includes('%')) return value;
  const bytes = new Uint8Array(value.length);
  let length = 0;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code === PERCENT && index + 2 < value.length) {
      const high = hexDigit(value.charCodeAt(index + 1));
      const low = hexDigit(value.charCodeAt(index + 2));
      if (high !== -1 && low !== -1) {
        bytes[length++] = high * 16 + low;
        index += 2;
        continue;
      }
    }
    bytes[length++] = code;
  }
  return utf8Decoder.decode(bytes.subarray(0, length));
}

/**
 * Encodes a value for the `baggage` header: its UTF-8 bytes, with every byte that is not a
 * `baggage-octet`, and `%` itself, written as `%XX`. Lone surrogates are sent as U+FFFD.
 */
export function percentEncode(value: string): string {
  let plain = true;
  for (let index = 0; index < value.length && plain; index += 1) {
    const code = value.charCodeAt(index);
    plain = isBaggageOctet(code) && code !== PERCENT;
  }
  if (plain) return value;
  let encoded = '';
  for (const byte of utf8Encoder.encode(value)) {
    encoded += isBaggageOctet(byte) && byte !== PERCENT ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}
