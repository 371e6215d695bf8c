import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtobufWriter, varintSize } from '../../../src/export/otlp/protobuf-writer';
import { unixNanosHalves, unixNanosString } from '../../../src/export/otlp/unix-nanos';
import { readMessage } from '../../integration/support/protobuf-wire';

describe('OTLP wire helpers', () => {
  it('splits HrTime nanoseconds into exact 32-bit halves and decimal strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 999_999_999 }), (seconds, nanos) => {
        const exact = BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
        const { low, high } = unixNanosHalves([seconds, nanos]);
        expect((BigInt(high) << 32n) | BigInt(low)).toBe(exact);
        expect(unixNanosString([seconds, nanos])).toBe(exact.toString());
      }),
      { numRuns: 2000 },
    );
    expect(unixNanosString([1, 1_500_000_000])).toBe('2500000000');
  });

  it('writes int64 values (negative ones in ten bytes) that a reader decodes back', () => {
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (value) => {
        const writer = new ProtobufWriter(8);
        writer.int64(3, value);
        const bytes = writer.finish();
        const decoded = readMessage(bytes).get(3)?.[0];
        expect(typeof decoded === 'bigint' ? BigInt.asIntN(64, decoded) : undefined).toBe(BigInt(value));
        if (value < 0) expect(bytes.length).toBe(11);
      }),
      { numRuns: 2000 },
    );
  });

  it('nested messages of any length get a correct length prefix, whatever room was reserved for it', () => {
    for (const [length, reserved] of [0, 1, 127, 128, 16_383, 16_384, 2_097_152].flatMap((length) => [1, 2, 3].map((reserved) => [length, reserved] as const))) {
      const writer = new ProtobufWriter(4);
      const mark = writer.beginMessage(1, reserved);
      writer.string(2, 'x'.repeat(length));
      writer.endMessage(mark);
      const outer = readMessage(writer.finish()).get(1)?.[0] as Buffer;
      const inner = readMessage(outer).get(2)?.[0] as Buffer | undefined;
      expect(inner?.length ?? 0).toBe(length);
      expect(outer.length).toBe(length === 0 ? 0 : 1 + varintSize(length) + length);
    }
  });

  it('writes UTF-8 strings of any length with the right byte count', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const writer = new ProtobufWriter(2);
        writer.string(1, text, true);
        const decoded = readMessage(writer.finish()).get(1)?.[0] as Buffer;
        expect(decoded.toString('utf8')).toBe(Buffer.from(text, 'utf8').toString('utf8'));
      }),
      { numRuns: 300 },
    );
  });
});
