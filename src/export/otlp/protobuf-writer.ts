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
  /** Length-prefix room reserved by each open {@link beginMessage}, innermost last. */
  readonly #reserved: number[] = [];

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
    this.#reserved.length = 0;
    if (this.#buffer.length > KEPT_SCRATCH_BYTES) this.#buffer = Buffer.allocUnsafe(KEPT_SCRATCH_BYTES);
    return result;
  }

  /**
   * Starts a length-delimited sub-message; pass the returned mark to {@link endMessage}.
   * `expectedPrefixBytes` is the room kept for the length (2 suits spans, 128 B to 16 KiB); a
   * wrong guess costs one move of the body, not a wrong result.
   */
  beginMessage(field: number, expectedPrefixBytes = 1): number {
    this.#tag(field, WIRE_LENGTH_DELIMITED);
    this.#ensure(expectedPrefixBytes);
    const mark = this.#position;
    this.#position += expectedPrefixBytes;
    this.#reserved.push(expectedPrefixBytes);
    return mark;
  }

  /** Closes the sub-message started at `mark`, writing its length in front of it. */
  endMessage(mark: number): void {
    const reserved = this.#reserved.pop() ?? 1;
    const bodyStart = mark + reserved;
    const length = this.#position - bodyStart;
    const prefixBytes = varintSize(length);
    if (prefixBytes !== reserved) {
      this.#ensure(Math.max(0, prefixBytes - reserved));
      this.#buffer.copyWithin(mark + prefixBytes, bodyStart, this.#position);
      this.#position += prefixBytes - reserved;
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

  /** A `fixed64` (or `sfixed64` of a non-negative value) field from a safe integer, always written. */
  fixed64(field: number, value: number): void {
    this.#tag(field, WIRE_FIXED64);
    this.#fixed64Value(value);
  }

  /** A packed `repeated fixed64` field from safe integers; nothing for an empty list. */
  packedFixed64(field: number, values: readonly number[]): void {
    if (values.length === 0) return;
    this.#tag(field, WIRE_LENGTH_DELIMITED);
    this.#varint32(values.length * 8);
    for (const value of values) this.#fixed64Value(value);
  }

  /** A packed `repeated double` field; nothing for an empty list. */
  packedDouble(field: number, values: readonly number[]): void {
    if (values.length === 0) return;
    this.#tag(field, WIRE_LENGTH_DELIMITED);
    this.#varint32(values.length * 8);
    this.#ensure(values.length * 8);
    for (const value of values) this.#position = this.#buffer.writeDoubleLE(value, this.#position);
  }

  #fixed64Value(value: number): void {
    this.#ensure(8);
    const high = Math.floor(value / TWO_POW_32);
    this.#position = this.#buffer.writeUInt32LE((value - high * TWO_POW_32) >>> 0, this.#position);
    this.#position = this.#buffer.writeUInt32LE(high >>> 0, this.#position);
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
      const written = this.#writeAscii(value) ? value.length : this.#buffer.write(value, this.#position, 'utf8');
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
    // Ids are short: decoding them here is cheaper than a call into the native hex decoder.
    let written = 0;
    for (; written < byteLength; written++) {
      const high = hexDigit(hex.charCodeAt(2 * written));
      const low = hexDigit(hex.charCodeAt(2 * written + 1));
      if (high < 0 || low < 0) break;
      this.#buffer[this.#position + written] = (high << 4) | low;
    }
    this.#position += written;
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

  /** Copies `value` at the current position if it is all ASCII (short strings only); false otherwise. */
  #writeAscii(value: string): boolean {
    const start = this.#position;
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      if (code >= 0x80) return false;
      this.#buffer[start + index] = code;
    }
    return true;
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

/** Value of one hex digit character code, or -1. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}
