import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startAgentReceiver, startCollectorReceiver } from './support/thrift-receiver';
import { assertBuilt, FIXTURE_APPS, startService } from './support/service-process';

const SPANS = 12;

async function runRootSpans(env: Record<string, string>): Promise<void> {
  const service = await startService([join(FIXTURE_APPS, 'root-spans.cjs')], {
    NODE_ENV: 'production',
    OTEL_TRACES_SAMPLER: 'always_on',
    OTEL_TRACES_EXPORTER: 'jaeger',
    ROOT_SPANS: String(SPANS),
    ...env,
  }, false);
  const { code } = await service.exited;
  expect(code, service.stderr()).toBe(0);
}

async function waitUntil(condition: () => boolean, timeoutMillis = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMillis) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Jaeger Thrift export', () => {
  beforeAll(() => assertBuilt());

  it('reaches an agent over UDP as binary Thrift', async () => {
    const agent = await startAgentReceiver();
    try {
      await runRootSpans({ OTEL_SERVICE_NAME: 'thrift-udp', OTEL_EXPORTER_JAEGER_AGENT_HOST: '127.0.0.1', OTEL_EXPORTER_JAEGER_AGENT_PORT: String(agent.port) });
      await waitUntil(() => agent.spans.length >= SPANS);
      expect(agent.spans).toHaveLength(SPANS);
      expect(new Set(agent.spans.map((span) => span.serviceName))).toEqual(new Set(['thrift-udp']));
      expect(agent.spans.every((span) => span.operationName === 'root' && /^[0-9a-f]{32}$/.test(span.traceId))).toBe(true);
      expect(agent.spans[0]?.tags['otel.scope.name'] ?? agent.spans[0]?.tags['otel.library.name']).toBe('ratio-test');
    } finally {
      await agent.close();
    }
  });

  it('reaches a collector over HTTP with basic auth', async () => {
    const collector = await startCollectorReceiver();
    try {
      await runRootSpans({
        OTEL_SERVICE_NAME: 'thrift-http',
        OTEL_EXPORTER_JAEGER_ENDPOINT: collector.url,
        OTEL_EXPORTER_JAEGER_USER: 'agent',
        OTEL_EXPORTER_JAEGER_PASSWORD: 's3cret',
      });
      await waitUntil(() => collector.spans.length >= SPANS);
      expect(collector.spans).toHaveLength(SPANS);
      expect(collector.spans.every((span) => span.serviceName === 'thrift-http')).toBe(true);
      expect(collector.headers[0]?.authorization).toBe(`Basic ${Buffer.from('agent:s3cret').toString('base64')}`);
      expect(collector.headers[0]?.['content-type']).toBe('application/x-thrift');
    } finally {
      await collector.close();
    }
  });
});
