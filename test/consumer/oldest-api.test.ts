import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from '../integration/support/otlp-receiver';
import { FIXTURE_APPS, startService } from '../integration/support/service-process';
import { installConsumerProject, otelBootstrapTarball, type ConsumerProject } from './support/consumer-project';

const OLDEST_API = '1.9.0';

describe(`@opentelemetry/api ${OLDEST_API}, the oldest accepted peer`, () => {
  let project: ConsumerProject;
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    project = await installConsumerProject(
      'api-1-9',
      { dependencies: { 'otel-bootstrap': otelBootstrapTarball(), '@opentelemetry/api': OLDEST_API } },
      { 'app.cjs': join(FIXTURE_APPS, 'export-with-api.cjs') },
    );
  });
  afterAll(async () => {
    await receiver?.close();
    await project?.remove();
  });

  it('installs as the only copy of the API', () => {
    expect(project.packages().filter((entry) => entry.name === '@opentelemetry/api').map((entry) => entry.version)).toEqual([OLDEST_API]);
  });

  it('records spans (its own and the API tracer of the application) and exports them', async () => {
    const app = await startService(
      ['app.cjs'],
      { OTEL_SERVICE_NAME: 'api-oldest', NODE_ENV: 'production', OTEL_TRACES_SAMPLER: 'always_on', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
      false,
      { cwd: project.directory },
    );
    expect(await app.exited, app.stderr()).toEqual({ code: 0, signal: null });
    expect(app.stdout()).toBe('exported\n');
    expect(app.stderr()).toBe('');
    const spans = await receiver.waitForSpans(2, 5_000);
    const reconcile = spans.find((span) => span.name === 'reconcile');
    const throughApi = spans.find((span) => span.name === 'through-the-api');
    expect(reconcile?.resource['service.name']).toBe('api-oldest');
    expect(reconcile?.attributes['batch.size']).toBe(3);
    expect(throughApi?.scope).toBe('consumer-app');
    expect(throughApi?.parentSpanId).toBe(reconcile?.spanId);
    expect(throughApi?.traceId).toBe(reconcile?.traceId);
  });
});
