import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from '../../../src/metrics/metric-data';
import { formatExposition } from '../../../src/metrics/prometheus/format-exposition';
import { prometheusFamilyName, prometheusLabelName } from '../../../src/metrics/prometheus/metric-names';
import { negotiateFormat } from '../../../src/metrics/prometheus/negotiate';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';

const snapshot: MetricsSnapshot = {
  startTimeMillis: 0,
  timeMillis: 1,
  metrics: [
    {
      kind: 'histogram',
      name: 'http.server.request.duration',
      description: 'Duration of HTTP server requests.',
      unit: 's',
      boundaries: [0.1, 1],
      points: [
        {
          attributes: { 'http.request.method': 'GET', 'http.route': '/users/:id', 'http.response.status_code': 200 },
          bucketCounts: [3, 1, 1],
          count: 5,
          sum: 2.5,
          min: 0.01,
          max: 1.9,
          exemplars: [{ value: 0.5, timeMillis: 1_700_000_000_123, traceId: TRACE, spanId: SPAN }],
        },
      ],
    },
    { kind: 'sum', monotonic: true, name: 'otel.sdk.span.started', description: 'The number of created spans.', unit: '{span}', points: [{ attributes: { 'otel.span.sampling_result': 'DROP' }, value: 7 }] },
    { kind: 'sum', monotonic: false, name: 'v8js.memory.heap.used', description: '', unit: 'By', points: [{ attributes: { 'v8js.heap.space.name': 'new_space' }, value: 1024 }] },
    { kind: 'gauge', name: 'nodejs.eventloop.utilization', description: '', unit: '1', points: [{ attributes: {}, value: 0.25 }] },
  ],
};

describe('Prometheus names', () => {
  it.each([
    ['http.server.request.duration', 's', false, 'http_server_request_duration_seconds'],
    ['otel.sdk.span.started', '{span}', false, 'otel_sdk_span_started'],
    ['v8js.memory.heap.used', 'By', true, 'v8js_memory_heap_used_bytes'],
    ['nodejs.eventloop.utilization', '1', true, 'nodejs_eventloop_utilization_ratio'],
    ['requests_total', '1', false, 'requests'],
    ['9lives', 'ms', true, '_9lives_milliseconds'],
  ])('%s in %s -> %s', (name, unit, gauge, expected) => {
    expect(prometheusFamilyName(name, unit, gauge)).toBe(expected);
  });

  it('turns attribute keys into label names', () => {
    expect(prometheusLabelName('http.response.status_code')).toBe('http_response_status_code');
  });
});

describe('exposition formats', () => {
  it('OpenMetrics: cumulative buckets with exemplars, counters typed without _total, # EOF last', () => {
    const text = formatExposition(snapshot, { 'service.name': 'svc "one"\\' }, 'openmetrics');
    const lines = text.trimEnd().split('\n');
    expect(lines).toContain('target_info{service_name="svc \\"one\\"\\\\"} 1');
    expect(lines).toContain('# TYPE target info');
    expect(lines).toContain('# TYPE http_server_request_duration_seconds histogram');
    expect(lines).toContain(`http_server_request_duration_seconds_bucket{http_request_method="GET",http_route="/users/:id",http_response_status_code="200",le="0.1"} 3`);
    expect(lines).toContain(`http_server_request_duration_seconds_bucket{http_request_method="GET",http_route="/users/:id",http_response_status_code="200",le="1"} 4 # {trace_id="${TRACE}",span_id="${SPAN}"} 0.5 1700000000.123`);
    expect(lines).toContain(`http_server_request_duration_seconds_bucket{http_request_method="GET",http_route="/users/:id",http_response_status_code="200",le="+Inf"} 5`);
    expect(lines).toContain('http_server_request_duration_seconds_count{http_request_method="GET",http_route="/users/:id",http_response_status_code="200"} 5');
    expect(lines).toContain('# TYPE otel_sdk_span_started counter');
    expect(lines).toContain('otel_sdk_span_started_total{otel_span_sampling_result="DROP"} 7');
    expect(lines).toContain('# TYPE v8js_memory_heap_used_bytes gauge');
    expect(lines).toContain('nodejs_eventloop_utilization_ratio 0.25');
    expect(lines.at(-1)).toBe('# EOF');
  });

  it('Prometheus text: no exemplars, counters typed with _total, no # EOF', () => {
    const text = formatExposition(snapshot, {}, 'text');
    expect(text).not.toContain('trace_id');
    expect(text).not.toContain('# EOF');
    expect(text).toContain('# TYPE otel_sdk_span_started_total counter\n');
    expect(text).toContain('# TYPE target_info gauge\n');
  });
});

describe('content negotiation', () => {
  it.each([
    [undefined, 'text'],
    ['', 'text'],
    ['text/plain', 'text'],
    ['*/*', 'text'],
    ['application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1', 'openmetrics'],
    ['text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.5', 'text'],
    ['application/openmetrics-text; version=1.0.0', 'openmetrics'],
    ['application/openmetrics-text;q=0', 'text'],
  ] as const)('Accept %j -> %s', (accept, format) => {
    expect(negotiateFormat(accept)).toBe(format);
  });
});
