/**
 * A strict reader of the protobuf wire format: every length is checked against the buffer, and
 * wire types that OTLP never uses (groups) are refused, so a body that is not protobuf fails
 * instead of decoding into nonsense.
 */
export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

/** Thrown for bytes that are not a well-formed protobuf message. */
export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

const TWO_POW_32 = 4_294_967_296;

/** Reads fields of one message from `bytes[start, end)`. */
export class WireReader {
  #position: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.#position = start;
  }

  get done(): boolean {
    return this.#position >= this.end;
  }

  /** The next tag as `[field, wireType]`. */
  tag(): [number, number] {
    const key = this.uint32();
    const field = key >>> 3;
    const wireType = key & 7;
    if (field === 0) throw new WireFormatError('field number 0');
    if (wireType !== 0 && wireType !== 1 && wireType !== 2 && wireType !== 5) throw new WireFormatError(`unsupported wire type ${wireType}`);
    return [field, wireType];
  }

  /** A varint that fits in 32 bits (larger ones keep their low 32 bits, as protobuf does for uint32). */
  uint32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.#byte();
      if (shift < 28) result |= (byte & 0x7f) << shift;
      else result += (byte & 0x0f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result >>> 0;
    }
    // Longer varints (64-bit values): skip the rest, keep the low bits.
    for (let index = 0; index < 5; index++) if ((this.#byte() & 0x80) === 0) return result >>> 0;
    throw new WireFormatError('varint longer than 10 bytes');
  }

  /** A varint as a signed 64-bit number: exact up to 2^53, else the decimal text of the value. */
  int64(): number | string {
    let low = 0;
    let high = 0;
    let index = 0;
    for (; index < 10; index++) {
      const byte = this.#byte();
      if (index < 4) low |= (byte & 0x7f) << (7 * index);
      else if (index === 4) {
        low |= (byte & 0x0f) << 28;
        high |= (byte & 0x70) >> 4;
      } else high |= (byte & 0x7f) << (7 * index - 32);
      if ((byte & 0x80) === 0) break;
    }
    if (index === 10) throw new WireFormatError('varint longer than 10 bytes');
    return int64Value(low >>> 0, high >>> 0);
  }

  /** A bool varint. */
  bool(): boolean {
    return this.uint32() !== 0;
  }

  /** Eight little-endian bytes as `[low, high]` unsigned 32-bit halves. */
  fixed64Halves(): [number, number] {
    const start = this.#take(8);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + start, 8);
    return [view.getUint32(0, true), view.getUint32(4, true)];
  }

  /** Four little-endian bytes. */
  fixed32(): number {
    const start = this.#take(4);
    return new DataView(this.bytes.buffer, this.bytes.byteOffset + start, 4).getUint32(0, true);
  }

  /** A little-endian double. */
  double(): number {
    const start = this.#take(8);
    return new DataView(this.bytes.buffer, this.bytes.byteOffset + start, 8).getFloat64(0, true);
  }

  /** The bounds of a length-delimited field. */
  lengthDelimited(): [number, number] {
    const length = this.uint32();
    const start = this.#take(length);
    return [start, start + length];
  }

  /** A reader over an embedded message. */
  message(): WireReader {
    const [start, end] = this.lengthDelimited();
    return new WireReader(this.bytes, start, end);
  }

  /** A UTF-8 string. */
  string(): string {
    const [start, end] = this.lengthDelimited();
    return utf8.decode(this.bytes.subarray(start, end));
  }

  /** Bytes as lower-case hex. */
  hex(): string {
    const [start, end] = this.lengthDelimited();
    let out = '';
    for (let index = start; index < end; index++) out += HEX[this.bytes[index] as number];
    return out;
  }

  /** Bytes as base64. */
  base64(): string {
    const [start, end] = this.lengthDelimited();
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, end - start).toString('base64');
  }

  /** Skips a field of an unknown number. */
  skip(wireType: number): void {
    switch (wireType) {
      case WireType.varint:
        this.int64();
        return;
      case WireType.fixed64:
        this.#take(8);
        return;
      case WireType.lengthDelimited:
        this.lengthDelimited();
        return;
      case WireType.fixed32:
        this.#take(4);
        return;
      default:
        throw new WireFormatError(`unsupported wire type ${wireType}`);
    }
  }

  #byte(): number {
    if (this.#position >= this.end) throw new WireFormatError('truncated message');
    return this.bytes[this.#position++] as number;
  }

  #take(length: number): number {
    const start = this.#position;
    if (length < 0 || start + length > this.end) throw new WireFormatError('length past the end of the message');
    this.#position += length;
    return start;
  }
}

const utf8 = new TextDecoder('utf-8');
const HEX = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'));

function int64Value(low: number, high: number): number | string {
  if (high >= 0x80000000) {
    // Negative: two's complement.
    const value = -((~high >>> 0) * TWO_POW_32 + (~low >>> 0) + 1);
    return Number.isSafeInteger(value) ? value : (BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low))).toString();
  }
  const value = high * TWO_POW_32 + low;
  return Number.isSafeInteger(value) ? value : ((BigInt(high) << 32n) | BigInt(low)).toString();
}

/**
 * Nanoseconds since the epoch from fixed64 halves, as decimal text and as milliseconds with
 * microsecond precision (the same rounding as {@link millisOfNanos}, whatever the encoding).
 */
export function unixNanos(low: number, high: number): { text: string; millis: number } {
  const nanos = (BigInt(high) << 32n) | BigInt(low);
  return { text: nanos.toString(), millis: millisOfNanos(nanos) };
}

/** Milliseconds (to the microsecond) of a nanosecond count. */
export function millisOfNanos(nanos: bigint): number {
  return Number(nanos / 1000n) / 1000;
}
