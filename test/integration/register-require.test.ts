import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService, stopService, type ServiceProcess } from './support/service-process';

const SERVER = 2;
const CLIENT = 3;
const APP = join(FIXTURE_APPS, 'express-app.cjs');

describe('node --require otel-bootstrap/register', () => {
  let receiver: OtlpReceiver;
  const services: ServiceProcess[] = [];
  const otlpEnv = (serviceName: string): Record<string, string> => ({
    OTEL_SERVICE_NAME: serviceName,
    NODE_ENV: 'staging',
    OTEL_TRACES_SAMPLER: 'parentbased_always_on',
    OTEL_BSP_SCHEDULE_DELAY: '100',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
  });

  beforeAll(async () => {
    assertBuilt();
    receiver = await startOtlpReceiver();
  });
  afterEach(async () => {
    await Promise.all(services.splice(0).map(stopService));
    receiver.reset();
  });
  afterAll(async () => receiver.close());

  it('names server spans from the route template and skips health checks', async () => {
    const service = await startService(['--require', REGISTER_CJS, APP], otlpEnv('route-names'));
    services.push(service);
    for (const path of ['/users/1', '/users/2', '/health', '/users/3']) expect((await fetch(`${service.baseUrl}${path}`)).status).toBe(200);
    const spans = await receiver.waitForSpans(3, 20_000, (span) => span.kind === SERVER);
    expect(spans.map((span) => span.name)).toEqual(['GET /users/:id', 'GET /users/:id', 'GET /users/:id']);
    expect(spans[0]?.attributes['http.route']).toBe('/users/:id');
    expect(spans[0]?.resource['service.name']).toBe('route-names');
    expect(spans[0]?.resource['deployment.environment.name']).toBe('staging');
    expect(receiver.spans.some((span) => span.attributes['url.path'] === '/health')).toBe(false);
    // The lean default names the span from the route and adds no span per Express layer.
    expect(receiver.spans.filter((span) => span.kind === 1)).toEqual([]);
  });

  it('with the official HTTP instrumentation, route handlers show up as child spans and middleware does not', async () => {
    const service = await startService(['--require', REGISTER_CJS, APP], { ...otlpEnv('official-http'), OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: 'official' });
    services.push(service);
    expect((await fetch(`${service.baseUrl}/users/5`)).status).toBe(200);
    const [server] = await receiver.waitForSpans(1, 20_000, (span) => span.kind === SERVER);
    const [handler] = await receiver.waitForSpans(1, 20_000, (span) => span.kind === 1);
    expect(server?.name).toBe('GET /users/:id');
    expect(handler?.parentSpanId).toBe(server?.spanId);
    expect(handler?.name).toMatch(/^request handler/);
    expect(receiver.spans.filter((span) => span.kind === 1)).toHaveLength(1);
  });

  for (const [route, label] of [
    ['via-http', 'http.request'],
    ['via-fetch', 'fetch'],
  ] as const) {
    it(`joins a client span (${label}) and the downstream server span in one trace across two processes`, async () => {
      const downstream = await startService(['--require', REGISTER_CJS, APP], otlpEnv('downstream'));
      const upstream = await startService(['--require', REGISTER_CJS, APP], otlpEnv('upstream'));
      services.push(downstream, upstream);
      const target = encodeURIComponent(`${downstream.baseUrl}/users/7`);
      const response = await fetch(`${upstream.baseUrl}/${route}?url=${target}`);
      expect(await response.json()).toEqual({ downstream: 200 });

      const downstreamServer = (await receiver.waitForSpans(1, 20_000, (span) => span.kind === SERVER && span.resource['service.name'] === 'downstream'))[0]!;
      const upstreamServer = (await receiver.waitForSpans(1, 20_000, (span) => span.kind === SERVER && span.resource['service.name'] === 'upstream'))[0]!;
      const client = (await receiver.waitForSpans(1, 20_000, (span) => span.kind === CLIENT && span.resource['service.name'] === 'upstream'))[0]!;

      expect(upstreamServer.name).toBe(`GET /${route}`);
      expect(downstreamServer.name).toBe('GET /users/:id');
      expect(client.traceId).toBe(upstreamServer.traceId);
      expect(downstreamServer.traceId).toBe(upstreamServer.traceId);
      expect(downstreamServer.parentSpanId).toBe(client.spanId);
      expect(client.attributes['url.full']).toBe(`${downstream.baseUrl}/users/7`);
      expect(client.attributes['http.response.status_code']).toBe(200);
    });
  }

  it('works when the register entry comes through NODE_OPTIONS', async () => {
    const service = await startService([APP], { ...otlpEnv('node-options'), NODE_OPTIONS: `--require ${REGISTER_CJS}` });
    services.push(service);
    await fetch(`${service.baseUrl}/users/9`);
    const [span] = await receiver.waitForSpans(1, 20_000, (s) => s.kind === SERVER);
    expect(span?.name).toBe('GET /users/:id');
    expect(span?.resource['service.name']).toBe('node-options');
  });

  it('records nothing with OTEL_SDK_DISABLED=true and keeps serving', async () => {
    const service = await startService(['--require', REGISTER_CJS, APP], { ...otlpEnv('disabled'), OTEL_SDK_DISABLED: 'TRUE' });
    services.push(service);
    expect((await fetch(`${service.baseUrl}/users/1`)).status).toBe(200);
    service.kill('SIGTERM');
    await service.exited;
    expect(receiver.requests).toEqual([]);
    expect(receiver.spans).toEqual([]);
  });

  it('treats OTEL_SDK_DISABLED=false as enabled', async () => {
    const service = await startService(['--require', REGISTER_CJS, APP], { ...otlpEnv('not-disabled'), OTEL_SDK_DISABLED: 'false' });
    services.push(service);
    await fetch(`${service.baseUrl}/users/1`);
    const spans = await receiver.waitForSpans(1, 20_000, (span) => span.kind === SERVER);
    expect(spans[0]?.resource['service.name']).toBe('not-disabled');
  });
});
