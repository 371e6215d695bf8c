/**
 * The same measurements through the package's histogram and through the official
 * @opentelemetry/sdk-metrics give the same buckets, counts, sums, minimum and maximum, read back
 * from each one's OTLP protobuf (the official through @opentelemetry/otlp-transformer).
 */
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtobufWriter } from '../../../src/export/otlp/protobuf-writer';
import { HTTP_DURATION_BUCKETS } from '../../../src/metrics/buckets';
import { HistogramInstrument } from '../../../src/metrics/histogram-instrument';
import { encodeMetricsRequestProtobuf } from '../../../src/metrics/otlp/encode-metrics-protobuf';
import { TemporalityConverter } from '../../../src/metrics/otlp/temporality';
import { decodeProtobufMetrics, type DecodedPoint } from '../../integration/support/otlp-metrics-decode';

class CollectingReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

async function official(values: Array<{ route: string; status: number; seconds: number }>): Promise<DecodedPoint[]> {
  const reader = new CollectingReader();
  const provider = new MeterProvider({ readers: [reader] });
  const histogram = provider.getMeter('parity').createHistogram('http.server.request.duration', { unit: 's', advice: { explicitBucketBoundaries: [...HTTP_DURATION_BUCKETS] } });
  for (const { route, status, seconds } of values) histogram.record(seconds, { 'http.route': route, 'http.response.status_code': status });
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  const decoded = decodeProtobufMetrics(Buffer.from(ProtobufMetricsSerializer.serializeRequest(resourceMetrics) as Uint8Array));
  return decoded.scopes.flatMap((scope) => scope.metrics).flatMap((metric) => metric.points);
}

function ours(values: Array<{ route: string; status: number; seconds: number }>): DecodedPoint[] {
  const instrument = new HistogramInstrument({ name: 'http.server.request.duration', description: '', unit: 's', boundaries: HTTP_DURATION_BUCKETS }, 2000);
  for (const { route, status, seconds } of values) instrument.series(route, status, undefined, (text, code) => ({ 'http.route': text, 'http.response.status_code': code })).record(seconds, Date.now());
  const batch = new TemporalityConverter('cumulative').convert({ startTimeMillis: Date.now(), timeMillis: Date.now(), metrics: [instrument.collect()] });
  const decoded = decodeProtobufMetrics(encodeMetricsRequestProtobuf(batch, { 'service.name': 'parity' }, new ProtobufWriter()));
  return decoded.scopes.flatMap((scope) => scope.metrics).flatMap((metric) => metric.points);
}

const keyOf = (point: DecodedPoint): string => `${String(point.attributes['http.route'])} ${String(point.attributes['http.response.status_code'])}`;
const comparable = (points: DecodedPoint[]) =>
  Object.fromEntries(points.map((point) => [keyOf(point), { buckets: point.bucketCounts, bounds: point.explicitBounds, count: point.count, sum: point.sum, min: point.min, max: point.max }]));

describe('histogram parity with @opentelemetry/sdk-metrics', () => {
  it('gives the same points for the same measurements, including values on bucket bounds', async () => {
    const values = [...HTTP_DURATION_BUCKETS, 0, 0.0049, 11, 0.3, 0.3, 42].flatMap((seconds, index) => [
      { route: '/users/:id', status: 200, seconds },
      { route: '/orders', status: index % 2 === 0 ? 500 : 201, seconds: seconds * 1.5 },
    ]);
    expect(comparable(ours(values))).toEqual(comparable(await official(values)));
  });

  it('agrees on any measurements', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ route: fc.constantFrom('/a', '/b/:id'), status: fc.constantFrom(200, 404, 503), seconds: fc.double({ min: 0, max: 20, noNaN: true }) }), { minLength: 1, maxLength: 200 }), async (values) => {
        const mine = comparable(ours(values));
        const theirs = comparable(await official(values));
        expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
        for (const key of Object.keys(mine)) {
          expect(mine[key]?.buckets).toEqual(theirs[key]?.buckets);
          expect(mine[key]?.count).toBe(theirs[key]?.count);
          expect(mine[key]?.sum).toBeCloseTo(theirs[key]?.sum ?? Number.NaN, 9);
          expect([mine[key]?.min, mine[key]?.max]).toEqual([theirs[key]?.min, theirs[key]?.max]);
        }
      }),
      { numRuns: 40 },
    );
  });
});
