import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { LeanHttpInstrumentation } from '../../../src/instrumentation/lean/lean-http-instrumentation';
import { createPathMatcher } from '../../../src/instrumentation/path-matcher';
import { HttpServerMetrics } from '../../../src/metrics/http/http-server-metrics';
import type { HistogramMetric, HistogramPoint } from '../../../src/metrics/metric-data';
import { createTestTracing, type TestTracing } from '../../../src/testing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function start(metrics: HttpServerMetrics): HttpServerMetrics {
  metrics.start();
  cleanups.push(() => metrics.stop());
  return metrics;
}

function points(metrics: HttpServerMetrics): HistogramPoint[] {
  return (metrics.collect()[0] as HistogramMetric).points;
}

const total = (list: HistogramPoint[]): number => list.reduce((sum, point) => sum + point.count, 0);

function withTracing(): TestTracing {
  const tracing = createTestTracing({ sampler: 'parentbased_always_off' });
  const instrumentation = new LeanHttpInstrumentation({ ignoreIncomingRequest: createPathMatcher(['/health']) });
  cleanups.push(async () => {
    instrumentation.disable();
    await tracing.shutdown();
  });
  return tracing;
}

describe('http.server.request.duration', () => {
  it('counts every request, sampled or not, and only sampled ones become exemplars of their bucket', async () => {
    withTracing();
    const metrics = start(new HttpServerMetrics({ seriesLimit: 2000, source: 'instrumentation', ignore: () => false }));
    const app = express();
    app.get('/users/:id', (_req, res) => res.json({ ok: true }));
    app.get('/health', (_req, res) => res.send('ok'));
    const origin = await listen(createServer(app));
    for (let index = 0; index < 20; index++) {
      // Parent-based sampling: the caller's flag decides; one in four is sampled.
      const flags = index % 4 === 0 ? '01' : '00';
      await fetch(`${origin}/users/${index}`, { headers: { traceparent: `00-${TRACE_ID}-${PARENT_ID}-${flags}` } }).then((response) => response.arrayBuffer());
    }
    await fetch(`${origin}/health`).then((response) => response.arrayBuffer());
    const [point, ...others] = points(metrics);
    expect(others).toEqual([]);
    expect(point?.attributes).toEqual({ 'http.request.method': 'GET', 'url.scheme': 'http', 'http.route': '/users/:id', 'http.response.status_code': 200 });
    expect(point?.count).toBe(20);
    expect(point?.exemplars.length).toBeGreaterThan(0);
    for (const exemplar of point?.exemplars ?? []) expect(exemplar.traceId).toBe(TRACE_ID);
  });

  it('10,000 distinct paths on an app without routes give one series per method and status, without http.route', async () => {
    const metrics = start(new HttpServerMetrics({ seriesLimit: 2000, source: 'channel', ignore: () => false }));
    const origin = await listen(createServer((request, response) => {
      response.statusCode = request.url?.endsWith('7') === true ? 404 : 200;
      response.end();
    }));
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    cleanups.push(() => agent.destroy());
    const send = (path: string, method: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const outgoing = httpRequest(`${origin}${path}`, { method, agent }, (response) => {
          response.resume();
          response.on('end', resolve);
        });
        outgoing.on('error', reject);
        outgoing.end();
      });
    for (let batch = 0; batch < 100; batch++) await Promise.all(Array.from({ length: 100 }, (_, index) => send(`/items/${batch * 100 + index}`, index % 4 < 2 ? 'GET' : 'POST')));
    const found = points(metrics);
    expect(total(found)).toBe(10_000);
    expect(found.map((point) => `${String(point.attributes['http.request.method'])} ${String(point.attributes['http.response.status_code'])}`).sort()).toEqual(['GET 200', 'GET 404', 'POST 200', 'POST 404']);
    for (const point of found) expect(point.attributes).not.toHaveProperty('http.route');
  });

  it('a 5xx has error.type set to its status; a client that goes away before the response gives error.type aborted', async () => {
    const metrics = start(new HttpServerMetrics({ seriesLimit: 2000, source: 'channel', ignore: createPathMatcher(['/metrics']) }));
    let aborted: (() => void) | undefined;
    const closed = new Promise<void>((resolve) => (aborted = resolve));
    const origin = await listen(createServer((request, response) => {
      if (request.url === '/hang') {
        request.socket.on('close', () => setImmediate(() => aborted?.()));
        return;
      }
      response.statusCode = request.url === '/fail' ? 503 : 200;
      response.end();
    }));
    await fetch(`${origin}/fail`).then((response) => response.arrayBuffer());
    await fetch(`${origin}/metrics`).then((response) => response.arrayBuffer());
    const controller = new AbortController();
    const hanging = fetch(`${origin}/hang`, { signal: controller.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await hanging;
    await closed;
    const byError = Object.fromEntries(points(metrics).map((point) => [String(point.attributes['error.type']), point]));
    expect(byError['503']?.attributes).toMatchObject({ 'http.response.status_code': 503, 'error.type': '503' });
    expect(byError.aborted?.attributes).toEqual({ 'http.request.method': 'GET', 'url.scheme': 'http', 'error.type': 'aborted' });
    expect(byError.aborted?.count).toBe(1);
    // The ignored path is neither traced nor counted.
    expect(total(points(metrics))).toBe(2);
  });
});
