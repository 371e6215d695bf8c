import type { HrTime } from '@opentelemetry/api';
import { unixNanosHalves } from './unix-nanos';

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

const TWO_POW_32 = 4_294_967_296;
/** Strings this short take at most 126 UTF-8 bytes, so their length prefix is one byte. */
const SHORT_STRING_CHARS = 42;
/** The scratch buffer is kept between batches only up to this size, so one huge batch does not pin memory. */
const KEPT_SCRATCH_BYTES = 4 * 1024 * 1024;

/** Number of bytes the varint encoding of an unsigned 32-bit value takes. */
export function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

/**
 * Writes protobuf wire format into one growing scratch buffer. Nested messages are written in
 * place: {@link ProtobufWriter.beginMessage} reserves a one-byte length and
 * {@link ProtobufWriter.endMessage} moves the body when the length needs more bytes, so no message
 * is ever built in a buffer of its own. {@link ProtobufWriter.finish} copies the result out, so the
 * scratch buffer is reused by the next batch.
 */
export class ProtobufWriter {
  #buffer: Buffer;
  #position = 0;

  constructor(initialBytes = 16 * 1024) {
    this.#buffer = Buffer.allocUnsafe(initialBytes);
  }

  /** Bytes written so far in the current message tree. */
  get length(): number {
    return this.#position;
  }

  /** Copies out what was written and resets the writer for the next request. */
  finish(): Buffer {
    const result = Buffer.allocUnsafe(this.#position);
    this.#buffer.copy(result, 0, 0, this.#position);
    this.#position = 0;
    if (this.#buffer.length > KEPT_SCRATCH_BYTES) this.#buffer = Buffer.allocUnsafe(KEPT_SCRATCH_BYTES);
    return result;
  }

  /** Starts a length-delimited sub-message; pass the returned mark to {@link endMessage}. */
  beginMessage(field: number): number {
    this.#tag(field, WIRE_LENGTH_DELIMITED);
    this.#ensure(1);
    return this.#position++;
  }

  /** Closes the sub-message started at `mark`, writing its length in front of it. */
  endMessage(mark: number): void {
    const length = this.#position - mark - 1;
    const prefixBytes = varintSize(length);
    if (prefixBytes > 1) {
      this.#ensure(prefixBytes - 1);
      this.#buffer.copyWithin(mark + prefixBytes, mark + 1, this.#position);
      this.#position += prefixBytes - 1;
    }
    this.#writeVarint32At(mark, length);
  }

  /** A `uint32` or enum field; zero is the proto3 default and is left out. */
  uint32(field: number, value: number): void {
    if (value === 0) return;
    this.#tag(field, WIRE_VARINT);
    this.#varint32(value);
  }

  /** A `bool` field, always written (used inside AnyValue, where `false` is a value). */
  bool(field: number, value: boolean): void {
    this.#tag(field, WIRE_VARINT);
    this.#ensure(1);
    this.#buffer[this.#position++] = value ? 1 : 0;
  }

  /** An `int64` field from a safe integer, always written (negative values take ten bytes). */
  int64(field: number, value: number): void {
    this.#tag(field, WIRE_VARINT);
    const high = Math.floor(value / TWO_POW_32);
    this.#varint64(value - high * TWO_POW_32, high >>> 0);
  }

  /** A `double` field, always written. */
  double(field: number, value: number): void {
    this.#tag(field, WIRE_FIXED64);
    this.#ensure(8);
    this.#position = this.#buffer.writeDoubleLE(value, this.#position);
  }

  /** A `fixed32` field; zero is left out. */
  fixed32(field: number, value: number): void {
    if (value === 0) return;
    this.#tag(field, WIRE_FIXED32);
    this.#ensure(4);
    this.#position = this.#buffer.writeUInt32LE(value >>> 0, this.#position);
  }

  /** A `fixed64` nanosecond timestamp from an HrTime. */
  timestamp(field: number, time: HrTime): void {
    const { low, high } = unixNanosHalves(time);
    if (low === 0 && high === 0) return;
    this.#tag(field, WIRE_FIXED64);
    this.#ensure(8);
    this.#position = this.#buffer.writeUInt32LE(low, this.#position);
    this.#position = this.#buffer.writeUInt32LE(high, this.#position);
  }

  /** A `string` field; the empty string is left out unless `always` is set. */
  string(field: number, value: string, always = false): void {
    if (value.length === 0 && !always) return;
    this.#tag(field, WIRE_LENGTH_DELIMITED);
    if (value.length <= SHORT_STRING_CHARS) {
      this.#ensure(1 + value.length * 3);
      const mark = this.#position++;
      const written = this.#buffer.write(value, this.#position, 'utf8');
      this.#buffer[mark] = written;
      this.#position += written;
      return;
    }
    const byteLength = Buffer.byteLength(value, 'utf8');
    this.#varint32(byteLength);
    this.#ensure(byteLength);
    this.#position += this.#buffer.write(value, this.#position, 'utf8');
  }

  /** A `bytes` field from a hex string (trace and span ids); the empty string is left out. */
  hexBytes(field: number, hex: string): void {
    if (hex.length === 0) return;
    const mark = this.beginMessage(field);
    const byteLength = hex.length >>> 1;
    this.#ensure(byteLength);
    this.#position += this.#buffer.write(hex, this.#position, byteLength, 'hex');
    this.endMessage(mark);
  }

  /** A `bytes` field from raw bytes, always written. */
  bytes(field: number, value: Uint8Array): void {
    this.#tag(field, WIRE_LENGTH_DELIMITED);
    this.#varint32(value.length);
    this.#ensure(value.length);
    this.#buffer.set(value, this.#position);
    this.#position += value.length;
  }

  #tag(field: number, wireType: number): void {
    this.#varint32((field << 3) | wireType);
  }

  #varint32(value: number): void {
    this.#ensure(5);
    this.#writeVarint32At(this.#position, value);
    this.#position += varintSize(value);
  }

  #writeVarint32At(offset: number, value: number): void {
    let rest = value >>> 0;
    while (rest >= 0x80) {
      this.#buffer[offset++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.#buffer[offset] = rest;
  }

  #varint64(lowBits: number, highBits: number): void {
    this.#ensure(10);
    let low = lowBits >>> 0;
    let high = highBits >>> 0;
    while (high !== 0 || low >= 0x80) {
      this.#buffer[this.#position++] = (low & 0x7f) | 0x80;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    this.#buffer[this.#position++] = low;
  }

  #ensure(extraBytes: number): void {
    const needed = this.#position + extraBytes;
    if (needed <= this.#buffer.length) return;
    let size = this.#buffer.length * 2;
    while (size < needed) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.#buffer.copy(grown, 0, 0, this.#position);
    this.#buffer = grown;
  }
}
