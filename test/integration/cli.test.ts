import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { invalidEnvWarning } from '../../src/config/warnings';
import { assertBuilt, REPO_ROOT, startService } from './support/service-process';

const CLI = join(REPO_ROOT, 'dist', 'cli.cjs');

describe('otel-bootstrap config', () => {
  beforeAll(() => assertBuilt());

  it('prints the resolved configuration with secrets redacted, and environment warnings on stderr', async () => {
    const cli = await startService([CLI, 'config'], {
      NODE_ENV: 'production',
      OTEL_SERVICE_NAME: 'cli-check',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://user:hunter2@collector.example:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=top-secret',
      OTEL_BSP_MAX_QUEUE_SIZE: 'lots',
    }, false);
    const { code } = await cli.exited;
    expect(code).toBe(0);
    const printed = JSON.parse(cli.stdout()) as { profile: string; serviceName: string; sampler: string; otlp: { url: string; headers: Record<string, string> } };
    expect(printed).toMatchObject({ profile: 'production', serviceName: 'cli-check', sampler: 'parentbased_traceidratio (0.01)' });
    expect(printed.otlp.headers).toEqual({ 'x-api-key': '[REDACTED]' });
    expect(cli.stdout()).not.toContain('hunter2');
    expect(cli.stdout()).not.toContain('top-secret');
    expect(cli.stderr().trim()).toBe(invalidEnvWarning('OTEL_BSP_MAX_QUEUE_SIZE', 'lots', 'a whole number from 1 to 10000000', '2048'));
  });

  it('shows which values came from jaeger-client JAEGER_* variables', async () => {
    const cli = await startService([CLI, 'config'], {
      NODE_ENV: 'production',
      JAEGER_SERVICE_NAME: 'from-jaeger',
      JAEGER_AGENT_HOST: '127.0.0.1',
      JAEGER_SAMPLER_TYPE: 'probabilistic',
      JAEGER_SAMPLER_PARAM: '0.5',
      OTEL_PROPAGATORS: 'tracecontext',
    }, false);
    const { code } = await cli.exited;
    expect(code).toBe(0);
    const printed = JSON.parse(cli.stdout()) as Record<string, unknown>;
    expect(printed).toMatchObject({ serviceName: 'from-jaeger', sampler: 'parentbased_traceidratio (0.5)', exporters: ['jaeger'], propagators: ['tracecontext'] });
    expect(printed.fromJaegerVariables).toEqual({
      serviceName: 'JAEGER_SERVICE_NAME',
      'jaeger.agent': 'JAEGER_AGENT_HOST',
      exporters: 'JAEGER_AGENT_HOST',
      sampler: 'JAEGER_SAMPLER_TYPE, JAEGER_SAMPLER_PARAM',
    });
    expect(cli.stderr()).toBe('');
  });

  it('prints usage and exits 2 for an unknown command', async () => {
    const cli = await startService([CLI, 'frobnicate'], {}, false);
    const { code } = await cli.exited;
    expect(code).toBe(2);
    expect(cli.stdout()).toContain('usage: otel-bootstrap config');
  });
});
