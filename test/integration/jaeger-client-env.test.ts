/**
 * A service configured for jaeger-client by JAEGER_* variables only, started with the register
 * entry: its spans reach the collector those variables name, with the service name, the tags
 * (`${ENV:default}` resolved) and the credentials, sampled as JAEGER_SAMPLER_* say.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startCollectorReceiver } from './support/thrift-receiver';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService } from './support/service-process';

const SPANS = 5;

async function waitUntil(condition: () => boolean, timeoutMillis = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMillis) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('JAEGER_* variables through the register entry', () => {
  beforeAll(() => assertBuilt());

  it('send spans where jaeger-client would have sent them, with its service name, tags, credentials and sampler', async () => {
    const collector = await startCollectorReceiver();
    try {
      const service = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'jaeger-env-spans.cjs')], {
        NODE_ENV: 'production',
        JAEGER_SERVICE_NAME: 'legacy-billing',
        JAEGER_ENDPOINT: collector.url,
        JAEGER_USER: 'agent',
        JAEGER_PASSWORD: 's3cret',
        JAEGER_SAMPLER_TYPE: 'const',
        JAEGER_SAMPLER_PARAM: '1',
        JAEGER_TAGS: 'team=payments,region=${REGION:eu-1},pod=${POD_NAME:none}',
        POD_NAME: 'pod-7',
        JAEGER_AGENT_SOCKET_TYPE: 'udp4',
        ROOT_SPANS: String(SPANS),
      }, false);
      const { code } = await service.exited;
      expect(code, service.stderr()).toBe(0);
      await waitUntil(() => collector.spans.length >= SPANS);
      expect(collector.spans).toHaveLength(SPANS);
      const [span] = collector.spans;
      expect(span?.serviceName).toBe('legacy-billing');
      // The Thrift exporter writes resource attributes (JAEGER_TAGS among them) as tags of each span.
      expect(span?.tags).toMatchObject({ team: 'payments', region: 'eu-1', pod: 'pod-7' });
      expect(collector.headers[0]?.authorization).toBe(`Basic ${Buffer.from('agent:s3cret').toString('base64')}`);
      // Production samples 1 % by default; JAEGER_SAMPLER_TYPE=const 1 kept every root span.
      expect(JSON.parse(service.stdout().trim())).toMatchObject({ recorded: SPANS, config: { sampler: 'parentbased_always_on', propagators: ['tracecontext', 'baggage', 'jaeger'] } });
      expect(service.stderr()).toContain('jaeger-client setting JAEGER_AGENT_SOCKET_TYPE has no equivalent here');
    } finally {
      await collector.close();
    }
  });
});
