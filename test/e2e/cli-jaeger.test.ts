/**
 * `otel-bootstrap doctor --jaeger` and `view --jaeger` against a real Jaeger (started by
 * `npm run test:e2e` through scripts/jaeger.sh): the doctor's test span travels over OTLP to
 * Jaeger and is read back from its query API, then `view` writes that trace as a page.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMBEDDED_DATA_ID } from '../../src/cli/ui/render-page';
import { startService } from '../integration/support/service-process';
import { CLI } from '../integration/support/ui-process';

const JAEGER_QUERY = 'http://127.0.0.1:16686';
const dir = mkdtempSync(join(tmpdir(), 'otel-bootstrap-e2e-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = await startService([CLI, ...args], env, false);
  const { code } = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

describe('doctor and view against Jaeger', () => {
  let traceId = '';

  it('doctor sends its test span to Jaeger over OTLP and reads it back', async () => {
    const { code, stdout, stderr } = await run(['doctor', '--json', '--jaeger', JAEGER_QUERY], {
      NODE_ENV: 'production',
      OTEL_SERVICE_NAME: 'doctor-e2e',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
    });
    const report = JSON.parse(stdout) as { ok: boolean; steps: Array<{ name: string; status: string; detail: string }>; testSpan: { traceId: string } };
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    expect(report.ok).toBe(true);
    const readBack = report.steps.find((step) => step.name === 'jaeger read-back');
    expect(readBack?.status).toBe('ok');
    expect(readBack?.detail).toContain('service doctor-e2e');
    traceId = report.testSpan.traceId;
  });

  it('doctor fails at the read-back when Jaeger does not have the span (sent elsewhere)', async () => {
    const { code, stdout } = await run(['doctor', '--jaeger', JAEGER_QUERY, '--timeout', '2000'], { OTEL_SERVICE_NAME: 'x', OTEL_TRACES_EXPORTER: 'console' });
    expect(code).toBe(1);
    expect(stdout).toContain('result: failed at "jaeger read-back"');
  });

  it('view --jaeger --trace writes the trace read from Jaeger as a page', async () => {
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const out = join(dir, 'jaeger.html');
    const { code, stdout, stderr } = await run(['view', '--jaeger', JAEGER_QUERY, '--trace', traceId, '--out', out]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('1 trace(s), 1 span(s)');
    const html = readFileSync(out, 'utf8');
    const data = JSON.parse(new RegExp(`id="${EMBEDDED_DATA_ID}">(.*?)</script>`, 's').exec(html)?.[1] ?? '{}') as { spans: { spans: Array<{ name: string; traceId: string }>; resources: Array<{ service: string }> } };
    expect(data.spans.spans).toEqual([expect.objectContaining({ name: 'otel-bootstrap doctor', traceId })]);
    expect(data.spans.resources[0]?.service).toBe('doctor-e2e');
  });

  it('view --jaeger names a trace Jaeger does not have', async () => {
    const { code, stderr } = await run(['view', '--jaeger', JAEGER_QUERY, '--trace', '0123456789abcdef0123456789abcdef', '--out', join(dir, 'none.html')]);
    expect(code).toBe(1);
    expect(stderr).toContain('has no trace 0123456789abcdef0123456789abcdef');
  });
});
