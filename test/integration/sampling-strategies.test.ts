import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService, stopService, type ServiceProcess } from './support/service-process';

/** An HTTP server on a free loopback port; `respond` decides each answer. */
async function localServer(respond: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(respond);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('sampling strategies from the environment, in a child process', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    assertBuilt();
    receiver = await startOtlpReceiver();
  });
  afterAll(async () => receiver.close());

  const exporting = (service: string, extra: Record<string, string>) => ({
    OTEL_SERVICE_NAME: service,
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_BSP_SCHEDULE_DELAY: '100',
    OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT: '20000',
    ...extra,
  });
  const spansOf = (service: string) => receiver.spans.filter((span) => span.resource['service.name'] === service);

  it('OTEL_TRACES_SAMPLER=parentbased_ratelimiting keeps the burst plus the rate over the run, all marked', async () => {
    const service = await startService([join(FIXTURE_APPS, 'root-spans.cjs')], exporting('rate-limited', { NODE_ENV: 'production', OTEL_TRACES_SAMPLER: 'parentbased_ratelimiting', OTEL_TRACES_SAMPLER_ARG: '5', ROOT_SPANS: '20000' }), false);
    const { code } = await service.exited;
    expect(code, service.stderr()).toBe(0);
    const summary = JSON.parse(service.stdout().trim()) as { recorded: number; elapsedMs: number; config: { sampler: string } };
    expect(summary.config.sampler).toBe('parentbased_ratelimiting (5/s)');
    // A token bucket of 5 that starts full and earns 5 per second of the loop.
    expect(summary.recorded).toBeGreaterThanOrEqual(5);
    expect(summary.recorded).toBeLessThanOrEqual(5 + Math.ceil((5 * summary.elapsedMs) / 1000));
    const spans = spansOf('rate-limited');
    expect(spans).toHaveLength(summary.recorded);
    for (const span of spans) expect(span.attributes).toMatchObject({ 'sampler.type': 'ratelimiting', 'sampler.param': 5 });
    expect(service.stderr()).toBe('');
  });

  it('rules in OTEL_BOOTSTRAP_SAMPLING_RULES keep a route at 100 % in production, and a debug header forces one request', async () => {
    let service: ServiceProcess | undefined;
    try {
      service = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'express-app.cjs')], exporting('ruled', {
        NODE_ENV: 'production',
        OTEL_TRACES_SAMPLER_ARG: '0',
        OTEL_BOOTSTRAP_SAMPLING_RULES: JSON.stringify([{ route: '/users/:id', method: 'GET', sampleRate: 1 }, { path: '/boom', drop: true }]),
      }));
      for (let index = 0; index < 5; index++) await (await fetch(`${service.baseUrl}/users/${index}`)).text();
      // Dropped by rule 2, so a debug header on the same path is needed to see it; the rule says drop,
      // the debug header forces.
      await (await fetch(`${service.baseUrl}/boom`)).text();
      await (await fetch(`${service.baseUrl}/boom`, { headers: { 'jaeger-debug-id': 'case-42' } })).text();
      // Ratio 0 and no rule: never kept.
      await (await fetch(`${service.baseUrl}/via-http?url=${encodeURIComponent(`${service.baseUrl}/missing`)}`)).text();
      const spans = await receiver.waitForSpans(6, 20_000, (span) => span.kind === 2 && span.resource['service.name'] === 'ruled');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const server = spansOf('ruled').filter((span) => span.kind === 2);
      expect(server).toHaveLength(6);
      const users = server.filter((span) => span.attributes['http.route'] === '/users/:id');
      expect(users.map((span) => span.name)).toEqual(Array(5).fill('GET /users/:id'));
      for (const span of users) expect(span.attributes).toMatchObject({ 'sampler.type': 'probabilistic', 'sampler.param': 1, 'sampling.rule': 1 });
      const forced = server.find((span) => span.attributes['url.path'] === '/boom');
      expect(forced?.attributes).toMatchObject({ 'sampling.forced': true, 'sampling.debug_id': 'case-42', 'sampler.type': 'forced' });
      expect(spans.length).toBeGreaterThanOrEqual(6);
    } finally {
      await stopService(service);
    }
  });

  it('OTEL_TRACES_SAMPLER=jaeger_remote fetches at start and applies a per-operation strategy to routes known before the decision', async () => {
    const asked: string[] = [];
    const strategy = {
      strategyType: 0,
      probabilisticSampling: { samplingRate: 0 },
      operationSampling: { defaultSamplingProbability: 0, defaultLowerBoundTracesPerSecond: 0, perOperationStrategies: [{ operation: 'GET /users/:id', probabilisticSampling: { samplingRate: 1 } }] },
    };
    const { server, url } = await localServer((request, response) => {
      asked.push(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(strategy));
    });
    let service: ServiceProcess | undefined;
    try {
      service = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'express-app.cjs')], exporting('remote-sampled', {
        NODE_ENV: 'production',
        OTEL_TRACES_SAMPLER: 'jaeger_remote',
        OTEL_TRACES_SAMPLER_ARG: `endpoint=${url}/sampling,pollingIntervalMs=60000,initialSamplingRate=0`,
        OTEL_BOOTSTRAP_SAMPLING_ROUTES: '/users/:id',
      }));
      // The first poll happens at start, long before the 60 s interval.
      for (let attempt = 0; attempt < 200 && asked.length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(asked).toEqual(['/sampling?service=remote-sampled']);
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (let index = 0; index < 8; index++) await (await fetch(`${service.baseUrl}/users/${index}`)).text();
      for (let index = 0; index < 8; index++) await (await fetch(`${service.baseUrl}/boom`)).text();
      await receiver.waitForSpans(8, 20_000, (span) => span.kind === 2 && span.resource['service.name'] === 'remote-sampled');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const server = spansOf('remote-sampled').filter((span) => span.kind === 2);
      expect(server.map((span) => span.name)).toEqual(Array(8).fill('GET /users/:id'));
      for (const span of server) expect(span.attributes).toMatchObject({ 'sampler.type': 'probabilistic', 'sampler.param': 1 });
    } finally {
      await stopService(service);
      await closeServer(server);
    }
  });

  it('a Jaeger endpoint that never answers does not keep the process alive', async () => {
    const hanging = await localServer(() => undefined);
    try {
      const service = await startService([join(FIXTURE_APPS, 'idle-app.cjs')], {
        OTEL_SERVICE_NAME: 'idle',
        NODE_ENV: 'production',
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_TRACES_SAMPLER: 'jaeger_remote',
        OTEL_TRACES_SAMPLER_ARG: `endpoint=${hanging.url}/sampling,pollingIntervalMs=100`,
      }, false);
      const { code } = await service.exited;
      expect(code, service.stderr()).toBe(0);
      expect(service.stdout().trim()).toBe('started');
    } finally {
      await closeServer(hanging.server);
    }
  });

  it('OTEL_BOOTSTRAP_TAIL_SAMPLING=true exports every span in production', async () => {
    const service = await startService([join(FIXTURE_APPS, 'root-spans.cjs')], exporting('tail-side', { NODE_ENV: 'production', OTEL_BOOTSTRAP_TAIL_SAMPLING: 'true', ROOT_SPANS: '3000' }), false);
    const { code } = await service.exited;
    expect(code, service.stderr()).toBe(0);
    const summary = JSON.parse(service.stdout().trim()) as { recorded: number; config: { sampler: string; tailSampling: boolean; batch: { maxQueueSize: number } } };
    expect(summary.config).toMatchObject({ sampler: 'parentbased_always_on', tailSampling: true, batch: { maxQueueSize: 8192 } });
    expect(summary.recorded).toBe(3000);
    expect(spansOf('tail-side')).toHaveLength(3000);
  });
});
