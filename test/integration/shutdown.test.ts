import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService, stopService, type ServiceProcess } from './support/service-process';

const APP = join(FIXTURE_APPS, 'express-app.cjs');

describe('shutdown on signals', () => {
  let receiver: OtlpReceiver;
  let service: ServiceProcess | undefined;
  beforeAll(async () => {
    assertBuilt();
    receiver = await startOtlpReceiver();
  });
  afterEach(async () => {
    await stopService(service);
    receiver.reset();
  });
  afterAll(async () => receiver.close());

  it('SIGTERM after 500 requests delivers all 500 server spans and the process dies of SIGTERM', async () => {
    service = await startService(['--require', REGISTER_CJS, APP], {
      NODE_ENV: 'production',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_SERVICE_NAME: 'sigterm-500',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      // No scheduled or size-triggered export runs before SIGTERM: every span is still buffered.
      OTEL_BSP_SCHEDULE_DELAY: '60000',
      OTEL_BSP_MAX_QUEUE_SIZE: '4096',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '2048',
    });
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => fetch(`${service!.baseUrl}/users/${batch * 50 + i}`).then((r) => r.arrayBuffer())));
    }
    expect(receiver.spans).toHaveLength(0);
    service.kill('SIGTERM');
    const { code, signal } = await service.exited;
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    const servers = receiver.spans.filter((span) => span.kind === 2);
    expect(servers).toHaveLength(500);
    expect(new Set(servers.map((span) => span.attributes['url.path'])).size).toBe(500);
  });

  it('a collector that never answers still lets the process exit by the shutdown deadline', async () => {
    receiver.mode = { kind: 'hang' };
    service = await startService(['--require', REGISTER_CJS, APP], {
      NODE_ENV: 'production',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_SERVICE_NAME: 'hanging-collector',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '60000',
      // Without the shutdown deadline the export would wait 30 s for the collector.
      OTEL_EXPORTER_OTLP_TIMEOUT: '30000',
      OTEL_BSP_EXPORT_TIMEOUT: '30000',
      OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT: '1000',
    });
    await fetch(`${service.baseUrl}/users/1`);
    const killedAt = Date.now();
    service.kill('SIGTERM');
    const { signal } = await service.exited;
    expect(signal).toBe('SIGTERM');
    // Far below the 30 s export timeout: the deadline, not the collector, ended the wait.
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(receiver.requests.length).toBeGreaterThan(0);
    expect(service.stderr()).toContain('shutdown did not finish within 1000 ms');
  });

  it("leaves the exit to the application's own SIGTERM handler and flushes meanwhile", async () => {
    service = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'own-sigterm-app.cjs')], {
      NODE_ENV: 'production',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_SERVICE_NAME: 'own-handler',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '60000',
    });
    await fetch(`${service.baseUrl}/work`);
    service.kill('SIGTERM');
    const { code, signal } = await service.exited;
    expect({ code, signal }).toEqual({ code: 7, signal: null });
    expect(service.stdout()).toContain('app handler ran');
    expect(receiver.spans.filter((span) => span.kind === 2).map((span) => span.name)).toEqual(['GET /work']);
  });

  it('flushes on beforeExit when the application ends by itself', async () => {
    service = await startService([join(FIXTURE_APPS, 'root-spans.cjs')], {
      NODE_ENV: 'production',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_SERVICE_NAME: 'before-exit',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '60000',
      ROOT_SPANS: '25',
    }, false);
    const { code } = await service.exited;
    expect(code).toBe(0);
    expect(receiver.spans.filter((span) => span.resource['service.name'] === 'before-exit')).toHaveLength(25);
  });

  it('SIGINT delivers every buffered span and the process dies of SIGINT', async () => {
    service = await startService(['--require', REGISTER_CJS, APP], {
      NODE_ENV: 'production',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_SERVICE_NAME: 'sigint-buffered',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '60000',
    });
    await Promise.all(Array.from({ length: 40 }, (_, i) => fetch(`${service!.baseUrl}/users/${i}`).then((r) => r.arrayBuffer())));
    expect(receiver.spans).toHaveLength(0);
    service.kill('SIGINT');
    const { code, signal } = await service.exited;
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
    expect(receiver.spans.filter((span) => span.kind === 2)).toHaveLength(40);
  });

  it('flushes on beforeExit when the application runs out of work without calling shutdown()', async () => {
    service = await startService([join(FIXTURE_APPS, 'before-exit-spans.cjs')], {
      NODE_ENV: 'production',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_SERVICE_NAME: 'natural-exit',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '60000',
      SPANS: '30',
    }, false);
    const { code } = await service.exited;
    expect(code).toBe(0);
    const names = receiver.spans.filter((span) => span.resource['service.name'] === 'natural-exit').map((span) => span.name);
    expect(names.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `natural end ${i}`).sort());
  });

  it('explicit shutdown() delivers every buffered span; a second call returns the same promise; later spans are ignored quietly', async () => {
    service = await startService([join(FIXTURE_APPS, 'shutdown-api.cjs')], {
      NODE_ENV: 'production',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_SERVICE_NAME: 'explicit-shutdown',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '60000',
      SPANS: '120',
    }, false);
    const { code } = await service.exited;
    expect(code).toBe(0);
    const report = JSON.parse(service.stdout().trim()) as { samePromise: boolean; lateSpanThrew: boolean };
    expect(report).toMatchObject({ samePromise: true, lateSpanThrew: false });
    const names = receiver.spans.filter((span) => span.resource['service.name'] === 'explicit-shutdown').map((span) => span.name);
    expect(names).toHaveLength(120);
    expect(names).not.toContain('after shutdown');
    expect(service.stderr()).toBe('');
  });

  it('explicit shutdown() returns by its deadline while the collector never answers', async () => {
    receiver.mode = { kind: 'hang' };
    service = await startService([join(FIXTURE_APPS, 'shutdown-api.cjs')], {
      NODE_ENV: 'production',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_SERVICE_NAME: 'hanging-shutdown',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '60000',
      OTEL_EXPORTER_OTLP_TIMEOUT: '30000',
      OTEL_BSP_EXPORT_TIMEOUT: '30000',
      OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT: '1000',
      EXIT_AFTER_SHUTDOWN: '1',
      SPANS: '5',
    }, false);
    const { code } = await service.exited;
    expect(code).toBe(0);
    const report = JSON.parse(service.stdout().trim()) as { samePromise: boolean; elapsedMillis: number; lateSpanThrew: boolean };
    expect(report.samePromise).toBe(true);
    expect(report.lateSpanThrew).toBe(false);
    // Far below the 30 s export timeout: the 1 s shutdown deadline ended the wait.
    expect(report.elapsedMillis).toBeLessThan(15_000);
    expect(receiver.requests.length).toBeGreaterThan(0);
    expect(service.stderr()).toContain('shutdown did not finish within 1000 ms');
  });
});
