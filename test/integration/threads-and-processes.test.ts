import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService } from './support/service-process';

describe('threads and processes under --require', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    assertBuilt();
    receiver = await startOtlpReceiver();
  });
  afterAll(async () => receiver.close());

  it('a worker thread, a cluster of two and a forked child each export their spans; the worker continues the trace', async () => {
    const app = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'threads-and-processes.cjs')], {
      NODE_ENV: 'production',
      OTEL_SERVICE_NAME: 'threads',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    }, false);
    const { code } = await app.exited;
    expect(code, app.stderr()).toBe(0);
    expect(app.stderr()).toBe('');
    const spans = await receiver.waitForSpans(5, 20_000);
    expect(spans.map((span) => span.name).sort()).toEqual(['cluster-worker-1', 'cluster-worker-2', 'forked-child', 'main', 'worker-thread']);
    const main = JSON.parse(app.stdout().trim()) as { traceId: string; spanId: string };
    const worker = spans.find((span) => span.name === 'worker-thread');
    expect(worker?.traceId).toBe(main.traceId);
    expect(worker?.parentSpanId).toBe(main.spanId);
    for (const span of spans) expect(span.resource['service.name'], span.name).toBe('threads');
  });
});
