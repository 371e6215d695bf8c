/**
 * End to end against a real Prometheus (Debian package, started here on loopback, scraping every
 * second with exemplar storage on) and a real Jaeger (started by `npm run test:e2e`): the metrics
 * example serves a known number of fast, slow, failing and unrouted requests at 50% trace
 * sampling; Prometheus counts every one of them per route and status, its quantile of the slow
 * route agrees with the known delay, and an exemplar's trace id opens that trace in Jaeger.
 */
import { createServer } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_DURATION_BUCKETS } from '../../src/metrics/buckets';
import { startPrometheus, type PrometheusInstance } from './support-prometheus';

const REPO = join(__dirname, '..', '..');
const APP = join(REPO, 'examples', 'dist', 'metrics-service', 'app.js');
const REGISTER = join(REPO, 'dist', 'register.cjs');
const JAEGER_QUERY = 'http://127.0.0.1:16686';
const SLOW_MILLIS = 300;
/** How much later than its delay a slow request may end on this shared machine. */
const OVERHEAD_ALLOWANCE_MILLIS = 150;
const SENT = { fast: 40, slow: 10, failing: 8, unrouted: 6 };
const TOTAL = SENT.fast + SENT.slow + SENT.failing + SENT.unrouted;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (millis: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, millis));

async function waitFor<T>(what: string, timeoutMillis: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  let last: unknown;
  for (;;) {
    try {
      const result = await attempt();
      if (result !== undefined) return result;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMillis} ms${last === undefined ? '' : `: ${last instanceof Error ? last.message : 'failed'}`}`);
    await sleep(500);
  }
}

let prometheus: PrometheusInstance | undefined;
let app: ChildProcess | undefined;
let appOutput = '';
let baseUrl = '';
const serviceName = `metrics-e2e-${randomUUID().slice(0, 8)}`;
const startedAt = Date.now() / 1000;

beforeAll(async () => {
  const jaegerUp = await fetch(`${JAEGER_QUERY}/api/services`, { signal: AbortSignal.timeout(5000) }).then((response) => response.ok, () => false);
  if (!jaegerUp) throw new Error(`Jaeger query API ${JAEGER_QUERY} is not reachable: run the e2e tests with \`npm run test:e2e\`, which starts Jaeger.`);
  const metricsPort = await freePort();
  prometheus = await startPrometheus(await freePort(), [`127.0.0.1:${metricsPort}`]);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_')));
  app = spawn(process.execPath, ['--require', REGISTER, APP], {
    env: {
      ...env,
      NODE_ENV: 'production',
      OTEL_SERVICE_NAME: serviceName,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.5',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      OTEL_METRICS_EXPORTER: 'prometheus',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
      SLOW_MILLIS: String(SLOW_MILLIS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stderr?.setEncoding('utf8').on('data', (chunk: string) => (appOutput += chunk));
  baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the example did not start:\n${appOutput}`)), 15_000);
    app?.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const send = (path: string): Promise<number> => fetch(`${baseUrl}${path}`).then(async (response) => (await response.arrayBuffer(), response.status));
  const statuses = [
    ...(await Promise.all(Array.from({ length: SENT.slow }, () => send('/slow')))),
    ...(await Promise.all(Array.from({ length: SENT.fast }, (_, index) => send(`/items/${index}`)))),
    ...(await Promise.all(Array.from({ length: SENT.failing }, () => send('/fail')))),
    ...(await Promise.all(Array.from({ length: SENT.unrouted }, (_, index) => send(`/nothing/here/${index}`)))),
  ];
  expect(statuses.filter((status) => status === 200)).toHaveLength(SENT.slow + SENT.fast);
});

afterAll(async () => {
  app?.kill('SIGTERM');
  await prometheus?.stop();
});

describe('RED metrics in a real Prometheus, exemplars into a real Jaeger', () => {
  it('counts every request sent, per route and status, whatever was sampled', async () => {


    await waitFor(`Prometheus to scrape ${TOTAL} requests`, 30_000, async () => {
      const result = await prometheus!.query('sum(http_server_request_duration_seconds_count{job="app"})');
      return Number(result[0]?.value[1]) === TOTAL ? true : undefined;
    });
    const rows = await prometheus!.query('sum by (http_route, http_response_status_code, error_type) (http_server_request_duration_seconds_count{job="app"})');
    const counts = Object.fromEntries(rows.map((row) => [`${row.metric.http_route ?? '(none)'} ${row.metric.http_response_status_code} ${row.metric.error_type ?? '-'}`, Number(row.value[1])]));
    expect(counts).toEqual({
      '/items/:id 200 -': SENT.fast,
      '/slow 200 -': SENT.slow,
      '/fail 503 503': SENT.failing,
      '(none) 404 -': SENT.unrouted,
    });
  });

  it('histogram_quantile of the slow route lies in the bucket range its known delay allows', async () => {
    const lower = Math.max(0, ...HTTP_DURATION_BUCKETS.filter((bound) => bound <= SLOW_MILLIS / 1000));
    const upper = Math.min(...HTTP_DURATION_BUCKETS.filter((bound) => bound >= (SLOW_MILLIS + OVERHEAD_ALLOWANCE_MILLIS) / 1000));
    for (const quantile of [0.5, 0.9]) {
      const [row] = await prometheus!.query(`histogram_quantile(${quantile}, sum by (le) (http_server_request_duration_seconds_bucket{job="app",http_route="/slow"}))`);
      const estimate = Number(row?.value[1]);
      expect(estimate, `p${quantile * 100}`).toBeGreaterThanOrEqual(lower);
      expect(estimate, `p${quantile * 100}`).toBeLessThanOrEqual(upper);
    }
    const [fast] = await prometheus!.query('histogram_quantile(0.5, sum by (le) (http_server_request_duration_seconds_bucket{job="app",http_route="/items/:id"}))');
    expect(Number(fast?.value[1])).toBeLessThan(lower);
    const [mean] = await prometheus!.query('sum(http_server_request_duration_seconds_sum{job="app",http_route="/slow"}) / sum(http_server_request_duration_seconds_count{job="app",http_route="/slow"})');
    expect(Number(mean?.value[1])).toBeGreaterThanOrEqual(SLOW_MILLIS / 1000);
  });

  it('an exemplar Prometheus stored names a trace that Jaeger has, with that span in it', async () => {
    const series = await waitFor('exemplars of the slow route', 30_000, async () => {
      const found = await prometheus!.exemplars('http_server_request_duration_seconds_bucket{job="app",http_route="/slow"}', startedAt - 60);
      return found.some((entry) => entry.exemplars.length > 0) ? found : undefined;
    });
    const exemplar = series.flatMap((entry) => entry.exemplars)[0];
    const traceId = exemplar?.labels.trace_id ?? '';
    const spanId = exemplar?.labels.span_id ?? '';
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(exemplar?.value)).toBeGreaterThanOrEqual(SLOW_MILLIS / 1000);
    const trace = await waitFor(`trace ${traceId} in Jaeger`, 30_000, async () => {
      const response = await fetch(`${JAEGER_QUERY}/api/traces/${traceId}`, { signal: AbortSignal.timeout(5000) });
      if (response.status !== 200) return undefined;
      const body = (await response.json()) as { data?: Array<{ spans: Array<{ spanID: string; operationName: string }>; processes: Record<string, { serviceName: string }> }> };
      return body.data?.[0];
    });
    expect(trace.spans.find((span) => span.spanID === spanId)?.operationName).toBe('GET /slow');
    expect(Object.values(trace.processes).map((process) => process.serviceName)).toContain(serviceName);
    expect(appOutput).not.toContain('otel-bootstrap:');
  });
});
