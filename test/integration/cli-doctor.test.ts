import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedLoopbackPort } from './support/closed-port';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';
import { assertBuilt, startService } from './support/service-process';
import { CLI } from './support/ui-process';

interface Report {
  ok: boolean;
  failedStep: string | null;
  configuration: Array<{ key: string; value: unknown; sources: Array<{ kind: string; name?: string }> }>;
  warnings: string[];
  steps: Array<{ name: string; status: string; detail: string; millis?: number }>;
  testSpan: { traceId: string; spanId: string };
}

async function doctor(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = await startService([CLI, 'doctor', ...args], env, false);
  const { code } = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

describe('otel-bootstrap doctor', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    assertBuilt();
    receiver = await startOtlpReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  it('shows every value with its source, checks DNS, TCP and HTTP, and delivers one test span', async () => {
    receiver.reset();
    const env = { NODE_ENV: 'production', OTEL_SERVICE_NAME: 'doctor-check', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url.replace('127.0.0.1', 'localhost') };
    const { code, stdout } = await doctor(env, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report).toMatchObject({ ok: true, failedStep: null, warnings: [] });
    const entry = (key: string): Report['configuration'][number] | undefined => report.configuration.find((item) => item.key === key);
    expect(entry('serviceName')).toEqual({ key: 'serviceName', value: 'doctor-check', sources: [{ kind: 'env', name: 'OTEL_SERVICE_NAME' }] });
    expect(entry('sampler')?.sources).toEqual([{ kind: 'profile', name: 'production' }]);
    expect(entry('otlp.url')?.sources).toEqual([{ kind: 'env', name: 'OTEL_EXPORTER_OTLP_ENDPOINT' }]);
    expect(entry('batch.maxQueueSize')?.sources).toEqual([{ kind: 'default' }]);
    expect(report.steps.map((step) => [step.name, step.status])).toEqual([
      ['configuration', 'ok'],
      ['otlp dns', 'ok'],
      ['otlp tcp', 'ok'],
      ['otlp tls', 'skip'],
      ['otlp http', 'ok'],
    ]);
    expect(report.steps.find((step) => step.name === 'otlp dns')?.detail).toMatch(/^localhost -> /);
    expect(report.steps.find((step) => step.name === 'otlp http')?.detail).toContain('HTTP 200');
    for (const step of report.steps.filter((item) => item.name.startsWith('otlp ') && item.status === 'ok')) expect(step.millis).toBeGreaterThanOrEqual(0);
    const [received] = await receiver.waitForSpans(1);
    expect(received).toMatchObject({ traceId: report.testSpan.traceId, spanId: report.testSpan.spanId, name: 'otel-bootstrap doctor' });
    expect(received?.resource['service.name']).toBe('doctor-check');
  });

  it('names the failing step and exits 1 when the collector refuses connections', async () => {
    const port = await closedLoopbackPort();
    const { code, stdout } = await doctor({ NODE_ENV: 'production', OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL otlp tcp\s+cannot connect \(127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    expect(stdout).toContain('result: failed at "otlp tcp"');
  });

  it('reports the HTTP status a collector answers with', async () => {
    receiver.reset();
    receiver.mode = { kind: 'status', status: 401 };
    const { code, stdout } = await doctor({ NODE_ENV: 'production', OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces` }, '--json');
    receiver.reset();
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(report.failedStep).toBe('otlp http');
    expect(report.steps.at(-1)?.detail).toContain('HTTP 401 (check OTEL_EXPORTER_OTLP_HEADERS)');
  });

  it('lists configuration warnings; --strict makes them fail', async () => {
    const env = { NODE_ENV: 'production', OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_MAX_QUEUE_SIZE: 'lots' };
    const relaxed = await doctor(env);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toContain('OTEL_BSP_MAX_QUEUE_SIZE="lots" is invalid');
    expect(relaxed.stdout).toMatch(/WARN configuration/);
    const strict = await doctor(env, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('result: failed at "configuration"');
  });

  it('writes the test span with the file exporter, and says when tracing is disabled', async () => {
    const file = join(tmpdir(), `otel-bootstrap-doctor-${process.pid}.jsonl`);
    const written = await doctor({ OTEL_SERVICE_NAME: 'x', OTEL_TRACES_EXPORTER: 'file,console', OTEL_BOOTSTRAP_FILE_PATH: file }, '--json');
    expect(written.code).toBe(0);
    expect((JSON.parse(written.stdout) as Report).steps.map((step) => step.name)).toEqual(['configuration', 'file write', 'console']);
    rmSync(file, { force: true });
    const disabled = await doctor({ OTEL_SDK_DISABLED: 'true', OTEL_SERVICE_NAME: 'x' });
    expect(disabled.code).toBe(1);
    expect(disabled.stdout).toContain('tracing is disabled');
  });
});
