/**
 * The Prometheus endpoint of a service started with the register entry, the handler mounted on
 * the app's own server, a port already in use, a scrape during shutdown and a process that ends
 * on its own with metrics on.
 */
import { createServer, type Server } from 'node:http';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOG_PREFIX } from '../../src/config/warnings';
import { prometheusListenWarning } from '../../src/metrics/warnings';
import { closedLoopbackPort } from './support/closed-port';
import { parseExposition, samplesOf, scrape, sumOf } from './support/exposition';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';
import { assertBuilt, cleanEnv, FIXTURE_APPS, REGISTER_CJS, startService, stopService, type ServiceProcess } from './support/service-process';

const EXPRESS_APP = join(FIXTURE_APPS, 'express-app.cjs');
let service: ServiceProcess | undefined;
let receiver: OtlpReceiver | undefined;
let blocker: Server | undefined;

beforeAll(() => assertBuilt());
afterEach(async () => {
  await stopService(service);
  service = undefined;
  await receiver?.close();
  receiver = undefined;
  if (blocker !== undefined) await new Promise<void>((resolve) => blocker?.close(() => resolve()));
  blocker = undefined;
});

async function startWithMetrics(port: number, extra: Record<string, string> = {}): Promise<ServiceProcess> {
  receiver = await startOtlpReceiver();
  return startService(['--require', REGISTER_CJS, EXPRESS_APP], {
    OTEL_SERVICE_NAME: 'metrics-app',
    NODE_ENV: 'production',
    OTEL_TRACES_SAMPLER: 'parentbased_always_on',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_BSP_SCHEDULE_DELAY: '100',
    OTEL_METRICS_EXPORTER: 'prometheus',
    OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
    ...extra,
  });
}

const get = (url: string): Promise<number> => fetch(url).then(async (response) => (await response.arrayBuffer(), response.status));

describe('Prometheus endpoint', () => {
  it('serves RED metrics of every request in OpenMetrics with exemplars of exported traces, and /metrics itself is neither counted nor traced', async () => {
    const port = await closedLoopbackPort();
    service = await startWithMetrics(port);
    for (let index = 0; index < 5; index++) expect(await get(`${service.baseUrl}/users/${index}`)).toBe(200);
    expect(await get(`${service.baseUrl}/boom`)).toBe(500);
    const metricsUrl = `http://127.0.0.1:${port}/metrics`;
    await scrape(metricsUrl);
    const { status, contentType, text } = await scrape(metricsUrl);
    expect(status).toBe(200);
    expect(contentType).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(text.endsWith('# EOF\n')).toBe(true);
    const samples = parseExposition(text);
    expect(sumOf(samples, 'http_server_request_duration_seconds_count', { http_route: '/users/:id', http_response_status_code: '200' })).toBe(5);
    expect(sumOf(samples, 'http_server_request_duration_seconds_count', { http_route: '/boom', http_response_status_code: '500', error_type: '500' })).toBe(1);
    expect(sumOf(samples, 'http_server_request_duration_seconds_count')).toBe(6);
    expect(samplesOf(samples, 'target_info', { service_name: 'metrics-app' })).toHaveLength(1);
    expect(sumOf(samples, 'otel_sdk_span_started_total')).toBeGreaterThanOrEqual(6);
    expect(samplesOf(samples, 'nodejs_eventloop_utilization_ratio')).toHaveLength(1);
    expect(sumOf(samples, 'process_memory_usage_bytes')).toBeGreaterThan(0);
    // Exemplars point at server spans the collector received.
    const spans = await receiver!.waitForSpans(6);
    const exemplars = samplesOf(samples, 'http_server_request_duration_seconds_bucket').flatMap((sample) => (sample.exemplar === undefined ? [] : [sample.exemplar]));
    expect(exemplars.length).toBeGreaterThan(0);
    for (const exemplar of exemplars) {
      expect(spans.some((span) => span.traceId === exemplar.labels.trace_id && span.spanId === exemplar.labels.span_id)).toBe(true);
    }
    // Plain text for scrapers that do not ask for OpenMetrics.
    const plain = await scrape(metricsUrl, 'text/plain');
    expect(plain.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(plain.text).not.toContain('trace_id');
    expect(spans.filter((span) => span.attributes['url.path'] === '/metrics')).toEqual([]);
  });

  it('with the port already in use: one warning, and the service and its tracing keep working', async () => {
    blocker = createServer((_request, response) => response.end('taken'));
    await new Promise<void>((resolve) => blocker?.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    service = await startWithMetrics(port);
    expect(await get(`${service.baseUrl}/users/1`)).toBe(200);
    await receiver!.waitForSpans(1);
    const warnings = service.stderr().split('\n').filter((line) => line.includes(LOG_PREFIX));
    expect(warnings).toEqual([prometheusListenWarning('127.0.0.1', port, 'EADDRINUSE')]);
  });

  it('in a cluster the port is never shared: every scrape reaches the one worker that bound it, and the other worker says how to give it a port', async () => {
    const port = await closedLoopbackPort();
    service = await startService([join(FIXTURE_APPS, 'cluster-metrics.cjs')], { CLUSTER_REGISTER: REGISTER_CJS, OTEL_SERVICE_NAME: 'cluster-app', NODE_ENV: 'production', OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'prometheus', OTEL_EXPORTER_PROMETHEUS_PORT: String(port) }, false);
    const workers = await new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cluster did not start within 15 s\n${service?.stderr()}`)), 15_000);
      service?.child.stdout?.on('data', () => {
        const line = service?.stdout().split('\n').find((candidate) => candidate.startsWith('{"workers"'));
        if (line === undefined) return;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { workers: number[] }).workers);
      });
    });
    const pids = new Set<string>();
    for (let index = 0; index < 8; index++) {
      const { text } = await scrape(`http://127.0.0.1:${port}/metrics`);
      for (const sample of samplesOf(parseExposition(text), 'target_info')) pids.add(sample.labels['process_pid'] ?? 'none');
    }
    expect(pids.size).toBe(1);
    expect(workers.map(String)).toContain([...pids][0]);
    const warnings = service.stderr().split('\n').filter((line) => line.includes(LOG_PREFIX));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^.*could not listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\).*This is cluster worker [12]: each worker serves its own metrics and needs a port of its own/);
  });

  it('a scrape while the process shuts down answers completely or its connection closes; nothing hangs', async () => {
    const port = await closedLoopbackPort();
    service = await startWithMetrics(port);
    const metricsUrl = `http://127.0.0.1:${port}/metrics`;
    const outcomes: string[] = [];
    const scrapes = (async () => {
      for (let index = 0; index < 200; index++) {
        try {
          const { status, text } = await scrape(metricsUrl);
          outcomes.push(status === 200 && text.endsWith('# EOF\n') ? 'complete' : `broken ${status}`);
        } catch (error) {
          outcomes.push('closed');
          if (outcomes.filter((outcome) => outcome === 'closed').length >= 3) return;
          void error;
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    service.kill('SIGTERM');
    const exit = await service.exited;
    await scrapes;
    expect(exit.signal).toBe('SIGTERM');
    expect(outcomes.filter((outcome) => outcome.startsWith('broken'))).toEqual([]);
    expect(outcomes).toContain('complete');
    expect(outcomes.at(-1)).toBe('closed');
  });

  it('metricsHandler() mounted on the app serves the same metrics; its own route is not counted', async () => {
    service = await startService([join(FIXTURE_APPS, 'metrics-handler-app.cjs')], { OTEL_LOG_LEVEL: 'warn' });
    expect(await get(`${service.baseUrl}/hello`)).toBe(200);
    expect(await get(`${service.baseUrl}/hello`)).toBe(200);
    await scrape(`${service.baseUrl}/metrics`);
    const { status, text } = await scrape(`${service.baseUrl}/metrics`);
    expect(status).toBe(200);
    const samples = parseExposition(text);
    expect(sumOf(samples, 'http_server_request_duration_seconds_count')).toBe(2);
    expect(sumOf(samples, 'http_server_request_duration_seconds_count', { http_route: '/hello' })).toBe(2);
    expect(service.stderr()).toBe('');
  });

  it('a process with every metrics reader and runtime metrics on ends on its own', async () => {
    const child = spawn(process.execPath, [join(FIXTURE_APPS, 'metrics-idle.cjs')], { env: cleanEnv({}), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exit = await new Promise<{ code: number | null; timedOut: boolean }>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve({ code: null, timedOut: true });
      }, 15_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, timedOut: false });
      });
    });
    expect(output).toContain('started');
    expect(exit).toEqual({ code: 0, timedOut: false });
  });
});
