import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import { ProtobufWriter } from '../../../src/export/otlp/protobuf-writer';
import type { MetricsSnapshot } from '../../../src/metrics/metric-data';
import { encodeMetricsRequestJson } from '../../../src/metrics/otlp/encode-metrics-json';
import { encodeMetricsRequestProtobuf } from '../../../src/metrics/otlp/encode-metrics-protobuf';
import { TemporalityConverter } from '../../../src/metrics/otlp/temporality';
import { decodeJsonMetrics, decodeProtobufMetrics } from '../../integration/support/otlp-metrics-decode';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';
const START = 1_700_000_000_000;

function snapshot(count: number, sum: number, timeMillis: number): MetricsSnapshot {
  return {
    startTimeMillis: START,
    timeMillis,
    metrics: [
      {
        kind: 'histogram',
        name: 'http.server.request.duration',
        description: 'd',
        unit: 's',
        boundaries: [0.1, 1],
        points: [{ attributes: { 'http.route': '/a', 'http.response.status_code': 200 }, bucketCounts: [count, 0, 0], count, sum, min: 0.01, max: 0.09, exemplars: [{ value: 0.05, timeMillis: timeMillis - 1, traceId: TRACE, spanId: SPAN }] }],
      },
      { kind: 'sum', monotonic: true, name: 'otel.sdk.span.started', description: '', unit: '{span}', points: [{ attributes: { 'otel.span.sampling_result': 'DROP' }, value: count }] },
      { kind: 'sum', monotonic: false, name: 'otel.sdk.span.live', description: '', unit: '{span}', points: [{ attributes: {}, value: 3 }] },
      { kind: 'gauge', name: 'nodejs.eventloop.utilization', description: '', unit: '1', points: [{ attributes: {}, value: 0.5 }] },
    ],
  };
}

describe('OTLP metrics encoding', () => {
  it('protobuf and JSON decode to the same request, with exemplars, temporality and nanosecond times', () => {
    const batch = new TemporalityConverter('cumulative').convert(snapshot(4, 0.2, START + 60_000));
    const resource = { 'service.name': 'svc' };
    const fromProtobuf = decodeProtobufMetrics(encodeMetricsRequestProtobuf(batch, resource, new ProtobufWriter()));
    const fromJson = decodeJsonMetrics(encodeMetricsRequestJson(batch, resource));
    expect(fromProtobuf).toEqual(fromJson);
    expect(fromProtobuf.resource).toEqual(resource);
    const [histogram, started, live, gauge] = fromProtobuf.scopes[0]?.metrics ?? [];
    expect(histogram).toMatchObject({ name: 'http.server.request.duration', kind: 'histogram', temporality: 2 });
    expect(histogram?.points[0]).toMatchObject({ count: 4, sum: 0.2, bucketCounts: [4, 0, 0], explicitBounds: [0.1, 1], min: 0.01, max: 0.09, startTimeUnixNano: BigInt(START) * 1_000_000n, timeUnixNano: BigInt(START + 60_000) * 1_000_000n });
    expect(histogram?.points[0]?.exemplars).toEqual([{ traceId: TRACE, spanId: SPAN, value: 0.05, timeUnixNano: BigInt(START + 59_999) * 1_000_000n }]);
    expect(started).toMatchObject({ kind: 'sum', monotonic: true, temporality: 2, points: [{ value: 4 }] });
    expect(live).toMatchObject({ kind: 'sum', monotonic: false, temporality: 2 });
    expect(gauge).toMatchObject({ kind: 'gauge', points: [{ value: 0.5 }] });
  });

  it('delta temporality sends what changed since the previous push; up-down counters and gauges stay as they are', () => {
    const converter = new TemporalityConverter('delta');
    converter.convert(snapshot(4, 0.2, START + 60_000));
    const second = converter.convert(snapshot(10, 0.5, START + 120_000));
    const [histogram, started, live] = second.metrics;
    expect(histogram).toMatchObject({ temporality: 'delta', startTimeMillis: START + 60_000 });
    expect(histogram?.metric.kind === 'histogram' && histogram.metric.points[0]).toMatchObject({ count: 6, bucketCounts: [6, 0, 0] });
    expect(histogram?.metric.kind === 'histogram' && histogram.metric.points[0]?.sum).toBeCloseTo(0.3, 12);
    expect(started).toMatchObject({ temporality: 'delta', metric: { points: [{ value: 6 }] } });
    expect(live).toMatchObject({ temporality: 'cumulative', metric: { points: [{ value: 3 }] } });
  });

  it('the official JSON serializer and ours agree on a histogram the official SDK aggregated', async () => {
    class Reader extends MetricReader {
      protected onForceFlush(): Promise<void> {
        return Promise.resolve();
      }
      protected onShutdown(): Promise<void> {
        return Promise.resolve();
      }
    }
    const reader = new Reader();
    const provider = new MeterProvider({ readers: [reader] });
    const histogram = provider.getMeter('otel-bootstrap', '0.1.0').createHistogram('http.server.request.duration', { unit: 's', description: 'd', advice: { explicitBucketBoundaries: [0.1, 1] } });
    for (const value of [0.01, 0.05, 0.02, 0.09]) histogram.record(value, { 'http.route': '/a', 'http.response.status_code': 200 });
    const { resourceMetrics } = await reader.collect();
    await provider.shutdown();
    const theirs = decodeJsonMetrics(Buffer.from(JsonMetricsSerializer.serializeRequest(resourceMetrics) as Uint8Array));
    const oursDecoded = decodeJsonMetrics(encodeMetricsRequestJson(new TemporalityConverter('cumulative').convert({ ...snapshot(4, 0.17, START), metrics: [snapshot(4, 0.17, START).metrics[0] as MetricsSnapshot['metrics'][number]] }), {}));
    const pick = (decoded: typeof theirs) => {
      const point = decoded.scopes[0]?.metrics[0]?.points[0];
      return { name: decoded.scopes[0]?.metrics[0]?.name, temporality: decoded.scopes[0]?.metrics[0]?.temporality, count: point?.count, buckets: point?.bucketCounts, bounds: point?.explicitBounds, min: point?.min, max: point?.max, attributes: point?.attributes };
    };
    expect(pick(oursDecoded)).toEqual(pick(theirs));
  });
});
