/**
 * OTLP metrics push from a service started with the register entry to an in-process receiver, in
 * protobuf and JSON: RED counts, exemplars that name exported spans, the tracer's own metrics, and
 * a last push on shutdown.
 */
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeJsonMetrics, decodeProtobufMetrics, type DecodedMetric, type DecodedMetricsRequest } from './support/otlp-metrics-decode';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService, stopService, type ServiceProcess } from './support/service-process';

let service: ServiceProcess | undefined;
let receiver: OtlpReceiver;

beforeAll(() => assertBuilt());
afterEach(async () => {
  await stopService(service);
  service = undefined;
  await receiver.close();
});

const get = (url: string): Promise<number> => fetch(url).then(async (response) => (await response.arrayBuffer(), response.status));
const metricNamed = (request: DecodedMetricsRequest, name: string): DecodedMetric | undefined => request.scopes.flatMap((scope) => scope.metrics).find((metric) => metric.name === name);
const serverCount = (request: DecodedMetricsRequest): number => (metricNamed(request, 'http.server.request.duration')?.points ?? []).reduce((total, point) => total + (point.count ?? 0), 0);

describe.each([
  { protocol: 'http/protobuf', decode: decodeProtobufMetrics },
  { protocol: 'http/json', decode: decodeJsonMetrics },
])('OTLP metrics over $protocol', ({ protocol, decode }) => {
  it('pushes every request as RED metrics with exemplars of exported spans, the self-metrics, and a last push on shutdown', async () => {
    receiver = await startOtlpReceiver();
    service = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'express-app.cjs')], {
      OTEL_SERVICE_NAME: 'otlp-metrics-app',
      NODE_ENV: 'production',
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_METRIC_EXPORT_INTERVAL: '300',
    });
    for (let index = 0; index < 4; index++) expect(await get(`${service.baseUrl}/users/${index}`)).toBe(200);
    const deadline = Date.now() + 20_000;
    let latest: DecodedMetricsRequest | undefined;
    while (Date.now() < deadline) {
      const requests = await receiver.waitForMetrics(receiver.metrics.length + 1);
      latest = decode((requests.at(-1) as { body: Buffer }).body);
      if (serverCount(latest) === 4) break;
    }
    expect(latest).toBeDefined();
    const pushed = latest as DecodedMetricsRequest;
    expect(receiver.metrics.every((request) => request.contentType === (protocol === 'http/json' ? 'application/json' : 'application/x-protobuf'))).toBe(true);
    expect(pushed.resource['service.name']).toBe('otlp-metrics-app');
    const server = metricNamed(pushed, 'http.server.request.duration');
    expect(server).toMatchObject({ unit: 's', kind: 'histogram', temporality: 2 });
    expect(server?.points[0]?.attributes).toEqual({ 'http.request.method': 'GET', 'url.scheme': 'http', 'http.route': '/users/:id', 'http.response.status_code': 200 });
    const spans = await receiver.waitForSpans(4);
    const exemplars = server?.points.flatMap((point) => point.exemplars) ?? [];
    expect(exemplars.length).toBeGreaterThan(0);
    for (const exemplar of exemplars) expect(spans.some((span) => span.traceId === exemplar.traceId && span.spanId === exemplar.spanId)).toBe(true);
    const started = metricNamed(pushed, 'otel.sdk.span.started');
    expect(started).toMatchObject({ kind: 'sum', monotonic: true });
    expect(metricNamed(pushed, 'otel.sdk.processor.span.processed')?.points[0]?.attributes).toMatchObject({ 'otel.component.type': 'batching_span_processor', 'otel.component.name': 'batching_span_processor/0' });
    expect(metricNamed(pushed, 'otel.sdk.exporter.span.exported')?.points[0]?.attributes).toMatchObject({ 'otel.component.type': protocol === 'http/json' ? 'otlp_http_json_span_exporter' : 'otlp_http_span_exporter' });
    expect(metricNamed(pushed, 'v8js.memory.heap.used')?.points.length).toBeGreaterThan(0);

    // Requests right before a shutdown still arrive, in the last push.
    expect(await get(`${service.baseUrl}/boom`)).toBe(500);
    service.kill('SIGTERM');
    await service.exited;
    const last = decode((receiver.metrics.at(-1) as { body: Buffer }).body);
    expect(serverCount(last)).toBe(5);
    expect(service.stderr()).not.toContain('otel-bootstrap:');
  });
});
