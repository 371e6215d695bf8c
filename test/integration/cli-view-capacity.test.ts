import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_DATA_ID } from '../../src/cli/ui/render-page';
import { encodeTraceRequestProtobuf } from '../../src/export/otlp/encode-protobuf';
import { ProtobufWriter } from '../../src/export/otlp/protobuf-writer';
import { recordFixtureSpans } from '../unit/export/otlp-span-fixtures';
import { assertBuilt, FIXTURE_APPS, startService, stopService } from './support/service-process';
import { CLI } from './support/ui-process';
import { closedLoopbackPort } from './support/closed-port';

let dir: string;
let traces: string;

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'otel-bootstrap-view-'));
  traces = join(dir, 'traces.jsonl');
  // The file exporter, as a service uses it: register entry, environment only.
  const app = await startService([join(FIXTURE_APPS, 'root-spans.cjs')], { OTEL_SERVICE_NAME: 'file-app', OTEL_TRACES_EXPORTER: 'file', OTEL_BOOTSTRAP_FILE_PATH: traces, ROOT_SPANS: '25' }, false);
  expect((await app.exited).code, app.stderr()).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = await startService([CLI, ...args], env, false);
  const { code } = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

function embedded(html: string): { traces: unknown[]; spans: { spans: Array<{ name: string }> }; skippedLines: number } {
  const match = new RegExp(`<script type="application/json" id="${EMBEDDED_DATA_ID}">(.*?)</script>`, 's').exec(html);
  expect(match).not.toBeNull();
  return JSON.parse((match as RegExpExecArray)[1] as string) as ReturnType<typeof embedded>;
}

describe('file exporter + otel-bootstrap view', () => {
  it('the file exporter wrote OTLP/JSON lines that view turns into one self-contained page beside the input', async () => {
    const { code, stdout, stderr } = await run(['view', traces]);
    expect(code, stderr).toBe(0);
    const html = join(dir, 'traces.html');
    expect(stdout).toContain(`wrote ${html}: 25 trace(s), 25 span(s)`);
    expect(stderr).toMatch(/read \S*traces\.jsonl: \d+ line\(s\), 25 span\(s\)/);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    const data = embedded(page);
    expect(data.traces).toHaveLength(25);
    expect(data.spans.spans.every((span) => span.name === 'root')).toBe(true);
  });

  it('skips corrupt and truncated lines, counts them in a warning, and still writes the page', async () => {
    const damaged = join(dir, 'damaged.jsonl');
    const lines = readFileSync(traces, 'utf8').split('\n').filter(Boolean);
    writeFileSync(damaged, `${lines.join('\n')}\nnot json at all\n`);
    appendFileSync(damaged, (lines[0] as string).slice(0, 50));
    const out = join(dir, 'elsewhere.html');
    const { code, stderr } = await run(['view', damaged, '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toContain(`warning: 2 of ${lines.length + 2} line(s) of`);
    expect(stderr).toContain('are not OTLP/JSON trace requests (corrupt or truncated) and were skipped');
    expect(embedded(readFileSync(out, 'utf8')).skippedLines).toBe(2);
  });

  it('fails with exit 1 for a missing file and 2 for a wrong call', async () => {
    expect((await run(['view', join(dir, 'missing.jsonl')])).code).toBe(1);
    expect((await run(['view'])).code).toBe(2);
    expect((await run(['view', '--jaeger', 'http://127.0.0.1:1'])).stderr).toContain('--jaeger and --trace go together');
    expect(existsSync(join(dir, 'missing.html'))).toBe(false);
  });
});

describe('otel-bootstrap capacity', () => {
  it('measures bytes per span from a file and projects storage, with the seed formula as the special case', async () => {
    const { code, stdout, stderr } = await run(['capacity', '--from', traces, '--rps', '100', '--sampling', '0.1', '--retention-days', '3', '--json'], { OTEL_SERVICE_NAME: 'x' });
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as {
      measuredSpans: number;
      measuredSpansPerTrace: number;
      encoding: string;
      encodings: Array<{ encoding: string; available: boolean; bytesPerSpan: number }>;
      input: { requestsPerDay: number; bytesPerSpan: number };
      projection: { tracesPerDay: number; spansPerDay: number; bytesPerDay: number; storageBytes: number };
      seedFormula: { bytesPerDay: number };
      sensitivity: { samplingRates: number[]; storageBytes: number[][] };
    };
    expect(result).toMatchObject({ measuredSpans: 25, measuredSpansPerTrace: 1, encoding: 'otlp-protobuf' });
    expect(result.input.requestsPerDay).toBe(8_640_000);
    expect(result.projection.tracesPerDay).toBeCloseTo(864_000, 6);
    expect(result.projection.bytesPerDay).toBeCloseTo(864_000 * result.input.bytesPerSpan, 0);
    expect(result.projection.storageBytes).toBeCloseTo(result.projection.bytesPerDay * 3, 0);
    expect(result.seedFormula.bytesPerDay).toBeCloseTo(864_000 * 1024, 0);
    const protobuf = result.encodings.find((size) => size.encoding === 'otlp-protobuf');
    expect(protobuf?.bytesPerSpan).toBe(result.input.bytesPerSpan);
    expect(result.encodings.find((size) => size.encoding === 'otlp-json')?.bytesPerSpan).toBeGreaterThan(protobuf?.bytesPerSpan ?? Infinity);
    expect(result.sensitivity.samplingRates).toContain(0.1);
  });

  it('prints a readable report with the sensitivity table, and uses JSON sizes when the exporter sends JSON', async () => {
    const { code, stdout } = await run(['capacity', '--from', traces, '--requests-per-day', '1000000'], { OTEL_SERVICE_NAME: 'x', NODE_ENV: 'production', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/otlp-json\s+\d+ .*<- used/);
    expect(stdout).toContain('sampling 0.01 from sampler parentbased_traceidratio');
    expect(stdout).toMatch(/seed formula, requests x rate x spans x 1 KB: .* per day, the special case of 1024 B per span/);
    expect(stdout).toMatch(/^\s+0\.01\s+.*<- chosen$/m);
  });

  it('samples a running service for a few seconds', async () => {
    const port = await closedLoopbackPort();
    const capacity = await startService([CLI, 'capacity', '--sample', '3', '--port', String(port), '--rps', '10', '--json'], { OTEL_SERVICE_NAME: 'x' }, false);
    // Wait until it listens, then send two requests as a service would.
    for (let attempt = 0; attempt < 100 && !capacity.stderr().includes('receiving OTLP/HTTP'); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    const spans = await recordFixtureSpans(3);
    for (let index = 0; index < 2; index++) {
      const response = await fetch(`http://127.0.0.1:${port}/v1/traces`, { method: 'POST', body: encodeTraceRequestProtobuf(spans, new ProtobufWriter()), headers: { 'content-type': 'application/x-protobuf' } });
      expect(response.status).toBe(200);
    }
    const { code } = await capacity.exited;
    await stopService(capacity);
    expect(code, capacity.stderr()).toBe(0);
    expect(capacity.stderr()).toMatch(/sampled 16 span\(s\) in 2 request\(s\) over 3 s/);
    expect(capacity.stderr()).toMatch(/sampling: \d\/3 s, \d+ span\(s\) received/);
    expect((JSON.parse(capacity.stdout()) as { measuredSpans: number }).measuredSpans).toBe(16);
  });

  it('needs the load and a source of spans', async () => {
    expect((await run(['capacity', '--from', traces])).stderr).toContain('give the load as --requests-per-day <n> or --rps <n>');
    expect((await run(['capacity', '--rps', '5'])).code).toBe(2);
  });
});
