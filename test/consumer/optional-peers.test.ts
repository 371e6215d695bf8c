import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from '../integration/support/otlp-receiver';
import { FIXTURE_APPS, startService, stopService, type ServiceProcess } from '../integration/support/service-process';
import { startCollectorReceiver } from '../integration/support/thrift-receiver';
import { installConsumerProject, otelBootstrapTarball, type ConsumerProject } from './support/consumer-project';

const SERVER = 2;
const NODE_PROCESS_WARNING = /DeprecationWarning|ExperimentalWarning|\(node:\d+\) \[/;
const APPS = { 'app.cjs': join(FIXTURE_APPS, 'express-app.cjs'), 'app.mjs': join(FIXTURE_APPS, 'esm-app.mjs') };

async function get(service: ServiceProcess, path: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${service.baseUrl}${path}`, { headers });
  await response.arrayBuffer();
  return response.status;
}

describe('the official HTTP, Express and undici instrumentations installed beside otel-bootstrap', () => {
  let project: ConsumerProject;
  let receiver: OtlpReceiver;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    project = await installConsumerProject(
      'official-instrumentations',
      {
        dependencies: {
          'otel-bootstrap': otelBootstrapTarball(),
          '@opentelemetry/instrumentation-http': 'latest',
          '@opentelemetry/instrumentation-express': 'latest',
          '@opentelemetry/instrumentation-undici': 'latest',
          express: '^5',
        },
      },
      APPS,
    );
  });
  afterEach(async () => {
    await stopService(service);
    service = undefined;
  });
  afterAll(async () => {
    await receiver?.close();
    await project?.remove();
  });

  for (const [flag, app, path, route] of [
    ['--require', 'app.cjs', '/users/1', '/users/:id'],
    ['--import', 'app.mjs', '/orders/1', '/orders/:orderId'],
  ] as const) {
    it(`OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION=official (${flag}): official server and request handler spans, no warning`, async () => {
      const serviceName = `official-${flag.slice(2)}`;
      service = await startService(
        [flag, 'otel-bootstrap/register', app],
        {
          OTEL_SERVICE_NAME: serviceName,
          NODE_ENV: 'production',
          OTEL_TRACES_SAMPLER: 'always_on',
          OTEL_BSP_SCHEDULE_DELAY: '100',
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: 'official',
        },
        true,
        { cwd: project.directory },
      );
      expect(await get(service, path)).toBe(200);
      const isMine = (span: { resource: Record<string, unknown> }): boolean => span.resource['service.name'] === serviceName;
      const [server] = await receiver.waitForSpans(1, 20_000, (span) => isMine(span) && span.kind === SERVER);
      expect(server?.scope).toBe('@opentelemetry/instrumentation-http');
      expect(server?.name).toBe(`GET ${route}`);
      const [handler] = await receiver.waitForSpans(1, 20_000, (span) => isMine(span) && span.scope === '@opentelemetry/instrumentation-express');
      expect(handler?.name).toMatch(/^request handler/);
      expect(handler?.attributes['http.route']).toBe(route);
      expect(handler?.parentSpanId).toBe(server?.spanId);
      expect(service.stderr()).not.toMatch(NODE_PROCESS_WARNING);
      expect(service.stderr()).toBe('');
    });
  }
});

describe('the Jaeger Thrift exporter installed beside otel-bootstrap', () => {
  let project: ConsumerProject;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    project = await installConsumerProject(
      'jaeger-thrift',
      {
        dependencies: {
          'otel-bootstrap': otelBootstrapTarball(),
          '@opentelemetry/exporter-jaeger': 'latest',
          express: '^5',
        },
      },
      APPS,
    );
  });
  afterEach(async () => stopService(service));
  afterAll(async () => project?.remove());

  it('needs no Jaeger propagator package: the package propagates uber-trace-id itself', () => {
    expect(project.versionOf('@opentelemetry/exporter-jaeger')).toMatch(/^2\./);
    expect(project.versionOf('@opentelemetry/propagator-jaeger')).toBeUndefined();
  });

  it('OTEL_TRACES_EXPORTER=jaeger sends Thrift to the collector; OTEL_PROPAGATORS=jaeger continues an uber-trace-id trace', async () => {
    const collector = await startCollectorReceiver();
    try {
      service = await startService(
        ['--require', 'otel-bootstrap/register', 'app.cjs'],
        {
          OTEL_SERVICE_NAME: 'thrift-consumer',
          NODE_ENV: 'production',
          OTEL_TRACES_SAMPLER: 'parentbased_always_off',
          OTEL_BSP_SCHEDULE_DELAY: '100',
          OTEL_TRACES_EXPORTER: 'jaeger',
          OTEL_EXPORTER_JAEGER_ENDPOINT: collector.url,
          OTEL_PROPAGATORS: 'jaeger',
        },
        true,
        { cwd: project.directory },
      );
      // Sampled only because the caller's uber-trace-id says so (flags 1); the root sampler is always_off.
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      expect(await get(service, '/users/2', { 'uber-trace-id': `${traceId}:b7ad6b7169203331:0:1` })).toBe(200);
      expect(await get(service, '/users/3')).toBe(200);
      const deadline = Date.now() + 20_000;
      while (collector.spans.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(collector.spans.map((span) => [span.operationName, span.serviceName, span.traceId, span.parentSpanId])).toEqual([
        ['GET /users/:id', 'thrift-consumer', traceId, 'b7ad6b7169203331'],
      ]);
      expect(service.stderr()).toBe('');
    } finally {
      await collector.close();
    }
  });
});
