/**
 * `FORMAT_BINARY` carriers (`{ buffer }`, as opentracing's `BinaryCarrier`) hold the same headers
 * the text formats write, as one UTF-8 JSON object: `{"traceparent":"00-…","uber-trace-id":"…"}`.
 * jaeger-client wrote nothing into binary carriers, so no older layout needs to be read.
 */

/** A binary carrier longer than this is not read. */
export const MAX_BINARY_CARRIER_BYTES = 16_384;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes of the headers, to put in `carrier.buffer`. */
export function encodeBinaryHeaders(headers: Record<string, string>): Buffer {
  return Buffer.from(JSON.stringify(headers), 'utf8');
}

function toBytes(buffer: unknown): Uint8Array | undefined {
  if (buffer instanceof Uint8Array) return buffer;
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  if (Array.isArray(buffer) && buffer.length <= MAX_BINARY_CARRIER_BYTES && buffer.every((byte) => Number.isInteger(byte) && byte >= 0 && byte <= 255)) {
    return Uint8Array.from(buffer as number[]);
  }
  return undefined;
}

/**
 * The headers held by a binary carrier's `buffer` (a `Buffer`, `Uint8Array`, `ArrayBuffer` or an
 * array of byte values), or `undefined` when it holds none: empty, oversized, not UTF-8, not a JSON
 * object, or with non-string values.
 */
export function decodeBinaryHeaders(buffer: unknown): Record<string, string> | undefined {
  const bytes = toBytes(buffer);
  if (bytes === undefined || bytes.byteLength === 0 || bytes.byteLength > MAX_BINARY_CARRIER_BYTES) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value !== 'string') return undefined;
    headers[key] = value;
  }
  return headers;
}
