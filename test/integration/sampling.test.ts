import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService, stopService } from './support/service-process';

const ROOT_SPANS = 20_000;

/** Bounds at five standard deviations of a binomial count: a correct sampler fails ~1 in 3.5 million runs. */
function binomialBounds(trials: number, probability: number): [number, number] {
  const mean = trials * probability;
  const spread = 5 * Math.sqrt(trials * probability * (1 - probability));
  return [Math.floor(mean - spread), Math.ceil(mean + spread)];
}

describe('environment profiles sample root spans at their ratio', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    assertBuilt();
    receiver = await startOtlpReceiver();
  });
  afterAll(async () => receiver.close());

  for (const [profile, ratio] of [
    ['production', 0.01],
    ['staging', 0.1],
    ['development', 1],
  ] as const) {
    it(`${profile}: ${ROOT_SPANS} root spans export about ${ratio * 100}%`, async () => {
      receiver.spans.length = 0;
      const service = await startService(
        [join(FIXTURE_APPS, 'root-spans.cjs')],
        {
          NODE_ENV: profile,
          OTEL_SERVICE_NAME: `ratio-${profile}`,
          OTEL_TRACES_EXPORTER: 'otlp',
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          // Room for every sampled span so the count measures the sampler, not the queue.
          OTEL_BSP_MAX_QUEUE_SIZE: String(ROOT_SPANS + 1),
          OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT: '20000',
          ROOT_SPANS: String(ROOT_SPANS),
        },
        false,
      );
      const { code } = await service.exited;
      expect(code, service.stderr()).toBe(0);
      const summary = JSON.parse(service.stdout().trim()) as { recorded: number; config: { sampler: string; profile: string } };
      expect(summary.config.profile).toBe(profile);
      const exported = receiver.spans.filter((span) => span.resource['service.name'] === `ratio-${profile}`).length;
      expect(exported).toBe(summary.recorded);
      if (ratio === 1) {
        expect(exported).toBe(ROOT_SPANS);
      } else {
        const [low, high] = binomialBounds(ROOT_SPANS, ratio);
        expect(exported).toBeGreaterThanOrEqual(low);
        expect(exported).toBeLessThanOrEqual(high);
      }
      await stopService(service);
    });
  }

  it('production honours a sampled remote parent', async () => {
    receiver.spans.length = 0;
    const service = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'express-app.cjs')], {
      NODE_ENV: 'production',
      OTEL_SERVICE_NAME: 'remote-parent',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    try {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const parentId = '00f067aa0ba902b7';
      for (let i = 0; i < 5; i++) {
        await fetch(`${service.baseUrl}/users/${i}`, { headers: { traceparent: `00-${traceId}-${parentId}-01` } });
      }
      // Unsampled parents stay unsampled even though the root ratio would pick some of them.
      for (let i = 0; i < 5; i++) {
        await fetch(`${service.baseUrl}/users/${i}`, { headers: { traceparent: `00-${'a'.repeat(32)}-${parentId}-00` } });
      }
      const spans = await receiver.waitForSpans(5, 20_000, (span) => span.kind === 2);
      service.kill('SIGTERM');
      await service.exited;
      const servers = receiver.spans.filter((span) => span.kind === 2);
      expect(servers).toHaveLength(5);
      expect(spans.every((span) => span.traceId === traceId && span.parentSpanId === parentId)).toBe(true);
    } finally {
      await stopService(service);
    }
  });
});
