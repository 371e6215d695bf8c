import { describe, expect, it } from 'vitest';
import { formatBytes, project, seedBytesPerDay, sensitivity, SEED_BYTES_PER_SPAN } from '../../../src/cli/capacity/project';
import { measureSizes } from '../../../src/cli/capacity/measure-sizes';
import { encodeTraceRequestProtobuf } from '../../../src/export/otlp/encode-protobuf';
import { ProtobufWriter } from '../../../src/export/otlp/protobuf-writer';
import { recordFixtureSpans } from '../export/otlp-span-fixtures';

describe('capacity projection', () => {
  const input = { requestsPerDay: 10_000_000, samplingRate: 0.01, spansPerTrace: 12, bytesPerSpan: 500, storageFactor: 1.5, retentionDays: 7 };

  it('multiplies requests, sampling, spans per trace, bytes per span and the storage factor, then the retention', () => {
    expect(project(input)).toEqual({ tracesPerDay: 100_000, spansPerDay: 1_200_000, bytesPerDay: 900_000_000, storageBytes: 6_300_000_000 });
  });

  it('the seed formula is the special case of 1 KB per span and factor 1', () => {
    expect(seedBytesPerDay(input)).toBe(10_000_000 * 0.01 * 12 * 1024);
    expect(project({ ...input, bytesPerSpan: SEED_BYTES_PER_SPAN, storageFactor: 1, retentionDays: 1 }).bytesPerDay).toBe(seedBytesPerDay(input));
  });

  it('gives a sensitivity table over sampling rates and spans per trace', () => {
    const table = sensitivity(input, [0.01, 0.1], [6, 12]);
    expect(table).toEqual([
      [3_150_000_000, 6_300_000_000],
      [31_500_000_000, 63_000_000_000],
    ]);
    expect(formatBytes(6_300_000_000)).toBe('6.30 GB');
  });

  it('measures bytes per span by encoding the spans in exporter batches', async () => {
    const spans = await recordFixtureSpans(40);
    const sizes = measureSizes(spans, 16);
    const protobuf = sizes.find((size) => size.encoding === 'otlp-protobuf');
    let expected = 0;
    for (let start = 0; start < spans.length; start += 16) expected += encodeTraceRequestProtobuf(spans.slice(start, start + 16), new ProtobufWriter()).length;
    expect(protobuf?.totalBytes).toBe(expected);
    expect(protobuf?.bytesPerSpan).toBeCloseTo(expected / spans.length, 6);
    const json = sizes.find((size) => size.encoding === 'otlp-json');
    expect(json?.bytesPerSpan).toBeGreaterThan(protobuf?.bytesPerSpan ?? Infinity);
    // The Jaeger exporter is installed as a development dependency, so Thrift is measured here.
    const thrift = sizes.find((size) => size.encoding === 'jaeger-thrift');
    expect(thrift?.available).toBe(true);
    expect(thrift?.perSpan?.max).toBeGreaterThanOrEqual(thrift?.perSpan?.p50 ?? Infinity);
  });
});
