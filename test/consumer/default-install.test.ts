import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedSpan } from '../integration/support/otlp-decode';
import { startOtlpReceiver, type OtlpReceiver } from '../integration/support/otlp-receiver';
import { FIXTURE_APPS, startService, stopService, type ServiceProcess } from '../integration/support/service-process';
import { dependencyClosure, installConsumerProject, otelBootstrapTarball, type ConsumerProject } from './support/consumer-project';

/** Packages of the legacy Jaeger Thrift exporter's chain, which only `OTEL_TRACES_EXPORTER=jaeger` needs. */
const THRIFT_CHAIN = ['jaeger-client', 'thriftrw', 'opentracing', 'bufrw'];
const NODE_PROCESS_WARNING = /DeprecationWarning|ExperimentalWarning|\(node:\d+\) \[/;
const SERVER = 2;
const CLIENT = 3;

describe.each(['5', '4'])('default install: otel-bootstrap beside express %s, nothing else', (expressMajor) => {
  let project: ConsumerProject;
  let receiver: OtlpReceiver;
  let service: ServiceProcess | undefined;
  let run = 0;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    project = await installConsumerProject(
      `express${expressMajor}`,
      { dependencies: { 'otel-bootstrap': otelBootstrapTarball(), express: `^${expressMajor}` } },
      { 'app.cjs': join(FIXTURE_APPS, 'express-app.cjs'), 'app.mjs': join(FIXTURE_APPS, 'esm-app.mjs') },
    );
  });
  afterEach(async () => {
    await stopService(service);
    service = undefined;
    receiver.reset();
  });
  afterAll(async () => {
    await receiver?.close();
    await project?.remove();
  });

  /** Starts an app of the project with the register entry, exporting to the receiver under a service name of its own. */
  async function startApp(flag: '--require' | '--import', app: string, extraEnv: Record<string, string> = {}): Promise<{ isMine: (span: ReceivedSpan) => boolean }> {
    const serviceName = `consumer-express${expressMajor}-${++run}`;
    service = await startService(
      [flag, 'otel-bootstrap/register', app],
      {
        OTEL_SERVICE_NAME: serviceName,
        NODE_ENV: 'production',
        OTEL_TRACES_SAMPLER: 'always_on',
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        ...extraEnv,
      },
      true,
      { cwd: project.directory },
    );
    return { isMine: (span) => span.resource['service.name'] === serviceName };
  }

  async function get(path: string): Promise<number> {
    const response = await fetch(`${service?.baseUrl}${path}`);
    await response.arrayBuffer();
    return response.status;
  }

  it('brings @opentelemetry/api and nothing else of its own: no other OpenTelemetry package, nothing of the Thrift chain', () => {
    const packages = project.packages();
    const names = new Set(packages.map((entry) => entry.name));
    expect(project.versionOf('express')?.split('.')[0]).toBe(expressMajor);
    expect([...names].filter((name) => name.startsWith('@opentelemetry/'))).toEqual(['@opentelemetry/api']);
    for (const name of THRIFT_CHAIN) expect(names.has(name), name).toBe(false);
    // Everything besides express and what express depends on came with otel-bootstrap.
    const fromExpress = dependencyClosure(packages, ['express']);
    expect([...names].filter((name) => !fromExpress.has(name)).sort()).toEqual(['@opentelemetry/api', 'otel-bootstrap']);
    expect(packages.filter((entry) => entry.name === '@opentelemetry/api')).toHaveLength(1);
  });

  it('--require otel-bootstrap/register traces a CommonJS Express app: route-named server spans, fetch client spans, health checks left out', async () => {
    const { isMine } = await startApp('--require', 'app.cjs');
    expect(await get('/users/7')).toBe(200);
    expect(await get('/health')).toBe(200);
    expect(await get(`/via-fetch?url=${encodeURIComponent(`${service?.baseUrl}/users/8`)}`)).toBe(200);
    const spans = await receiver.waitForSpans(4, 20_000, isMine);
    const servers = spans.filter((span) => span.kind === SERVER);
    expect(servers.map((span) => span.name).sort()).toEqual(['GET /users/:id', 'GET /users/:id', 'GET /via-fetch']);
    expect(servers.every((span) => span.attributes['http.route'] !== undefined)).toBe(true);
    const [client] = spans.filter((span) => span.kind === CLIENT);
    const outer = servers.find((span) => span.name === 'GET /via-fetch');
    const downstream = servers.find((span) => span.parentSpanId !== undefined);
    expect(client?.parentSpanId).toBe(outer?.spanId);
    expect(downstream?.parentSpanId).toBe(client?.spanId);
    expect(downstream?.traceId).toBe(outer?.traceId);
    expect(spans.some((span) => JSON.stringify(span.attributes).includes('/health'))).toBe(false);
    expect(service?.stderr()).not.toMatch(NODE_PROCESS_WARNING);
    expect(service?.stderr()).toBe('');
  });

  it('--import otel-bootstrap/register traces an ES module Express app with no warning', async () => {
    const { isMine } = await startApp('--import', 'app.mjs');
    for (const id of ['1', '2', '3']) expect(await get(`/orders/${id}`)).toBe(200);
    const spans = await receiver.waitForSpans(3, 20_000, isMine);
    expect(spans.map((span) => [span.name, span.kind, span.attributes['http.route']])).toEqual(Array(3).fill(['GET /orders/:orderId', SERVER, '/orders/:orderId']));
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(3);
    expect(service?.stderr()).not.toMatch(NODE_PROCESS_WARNING);
    expect(service?.stderr()).toBe('');
  });

  for (const flag of ['--require', '--import'] as const) {
    it(`OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION=official without @opentelemetry/instrumentation-http (${flag}) warns naming it, and the package's own HTTP tracing takes over`, async () => {
      const app = flag === '--require' ? 'app.cjs' : 'app.mjs';
      const path = flag === '--require' ? '/users/5' : '/orders/5';
      const { isMine } = await startApp(flag, app, { OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: 'official' });
      expect(await get(path)).toBe(200);
      const [server] = await receiver.waitForSpans(1, 20_000, (span) => isMine(span) && span.kind === SERVER);
      expect(server?.name).toBe(flag === '--require' ? 'GET /users/:id' : 'GET /orders/:orderId');
      expect(service?.stderr()).toContain('needs the optional package @opentelemetry/instrumentation-http; install it next to otel-bootstrap');
      expect(service?.stderr()).toContain("Using the package's own HTTP instrumentation instead.");
      expect(service?.stderr()).not.toMatch(NODE_PROCESS_WARNING);
    });
  }

  it('OTEL_TRACES_EXPORTER=jaeger,otlp without @opentelemetry/exporter-jaeger warns naming it, and OTLP still gets the spans', async () => {
    const { isMine } = await startApp('--require', 'app.cjs', { OTEL_TRACES_EXPORTER: 'jaeger,otlp' });
    expect(await get('/users/9')).toBe(200);
    const [server] = await receiver.waitForSpans(1, 20_000, (span) => isMine(span) && span.kind === SERVER);
    expect(server?.name).toBe('GET /users/:id');
    expect(service?.stderr()).toContain('needs the optional package @opentelemetry/exporter-jaeger; install it next to otel-bootstrap');
    expect(service?.stderr()).toContain('Spans are not sent to that exporter.');
  });

  it('OTEL_EXPORTER_OTLP_PROTOCOL=grpc without @opentelemetry/exporter-trace-otlp-grpc warns naming it, and the service still serves', async () => {
    await startApp('--require', 'app.cjs', { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expect(await get('/users/10')).toBe(200);
    expect(service?.stderr()).toContain('OTLP protocol "grpc" needs the optional package @opentelemetry/exporter-trace-otlp-grpc; install it next to otel-bootstrap');
    expect(service?.child.exitCode).toBeNull();
  });
});
