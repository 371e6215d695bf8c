import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suppressTracing } from '../../../src/context/suppress-tracing';
import { HttpClientMetrics } from '../../../src/metrics/http/http-client-metrics';
import type { HistogramMetric, HistogramPoint } from '../../../src/metrics/metric-data';
import { createTestTracing, type TestTracing } from '../../../src/testing';
import { closedLoopbackPort } from '../../integration/support/closed-port';

let server: Server;
let port: number;
let metrics: HttpClientMetrics;
let tracing: TestTracing;

beforeEach(async () => {
  tracing = createTestTracing({ instrumentations: 'none' });
  server = createServer((request, response) => {
    response.statusCode = request.url === '/missing' ? 404 : 200;
    response.end('body');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  metrics = new HttpClientMetrics({ seriesLimit: 2000, http: true, fetch: true });
  metrics.start();
});

afterEach(async () => {
  metrics.stop();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await tracing.shutdown();
});

const points = (): HistogramPoint[] => (metrics.collect()[0] as HistogramMetric).points;

function httpGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).on('error', reject);
  });
}

describe('http.client.request.duration', () => {
  it('counts http.request and fetch calls by method, address, port, scheme and status; 4xx set error.type', async () => {
    await httpGet(`http://127.0.0.1:${port}/ok`);
    await httpGet(`http://127.0.0.1:${port}/missing`);
    await fetch(`http://127.0.0.1:${port}/ok`).then((response) => response.text());
    await fetch(`http://127.0.0.1:${port}/ok`, { method: 'POST', body: 'x' }).then((response) => response.text());
    const byKey = Object.fromEntries(points().map((point) => [`${String(point.attributes['http.request.method'])} ${String(point.attributes['http.response.status_code'])}`, point]));
    expect(byKey['GET 200']?.count).toBe(2);
    expect(byKey['GET 200']?.attributes).toEqual({ 'http.request.method': 'GET', 'server.address': '127.0.0.1', 'server.port': port, 'url.scheme': 'http', 'http.response.status_code': 200 });
    expect(byKey['GET 404']?.attributes).toMatchObject({ 'error.type': '404' });
    expect(byKey['POST 200']?.count).toBe(1);
  });

  it('a connection refused is counted with the error code as error.type and no status', async () => {
    const closed = await closedLoopbackPort();
    await expect(httpGet(`http://127.0.0.1:${closed}/`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${closed}/`)).rejects.toThrow();
    const failed = points().filter((point) => point.attributes['error.type'] === 'ECONNREFUSED');
    expect(failed.reduce((sum, point) => sum + point.count, 0)).toBe(2);
    for (const point of failed) expect(point.attributes).not.toHaveProperty('http.response.status_code');
  });

  it('a call inside a sampled span has that span as exemplar; calls with tracing suppressed (the exporters own) are not counted', async () => {
    const tracer = tracing.tracer();
    const span = tracer.startSpan('caller');
    await context.with(trace.setSpan(context.active(), span), () => httpGet(`http://127.0.0.1:${port}/ok`));
    span.end();
    await context.with(suppressTracing(context.active()), () => httpGet(`http://127.0.0.1:${port}/ok`));
    const [point] = points();
    expect(point?.count).toBe(1);
    expect(point?.exemplars).toEqual([expect.objectContaining({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId })]);
  });
});
