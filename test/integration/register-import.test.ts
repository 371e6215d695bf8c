import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';
import { assertBuilt, FIXTURE_APPS, REGISTER_MJS, startService, stopService, type ServiceProcess } from './support/service-process';

describe('node --import otel-bootstrap/register (ESM app that imports express)', () => {
  let receiver: OtlpReceiver;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    assertBuilt();
    receiver = await startOtlpReceiver();
  });
  afterEach(async () => stopService(service));
  afterAll(async () => receiver.close());

  for (const implementation of ['lean', 'official'] as const) {
    it(`traces ESM Express routes with route-named server spans (${implementation} HTTP instrumentation)`, async () => {
      service = await startService(['--import', REGISTER_MJS, join(FIXTURE_APPS, 'esm-app.mjs')], {
        OTEL_SERVICE_NAME: `esm-orders-${implementation}`,
        NODE_ENV: 'production',
        OTEL_TRACES_SAMPLER: 'always_on',
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: implementation,
      });
      expect((await fetch(`${service.baseUrl}/orders/42`)).status).toBe(200);
      const isMine = (span: { resource: Record<string, unknown> }): boolean => span.resource['service.name'] === `esm-orders-${implementation}`;
      const [server] = await receiver.waitForSpans(1, 20_000, (span) => isMine(span) && span.kind === 2);
      expect(server?.name).toBe('GET /orders/:orderId');
      expect(server?.attributes['http.route']).toBe('/orders/:orderId');
      if (implementation === 'official') {
        // Only the official Express instrumentation hooks the ESM module itself, through the loader hook.
        const [handler] = await receiver.waitForSpans(1, 20_000, (span) => isMine(span) && span.scope.includes('express'));
        expect(handler?.parentSpanId).toBe(server?.spanId);
      }
    });
  }
});
