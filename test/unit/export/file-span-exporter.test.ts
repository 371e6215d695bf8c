import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeTraceRequestJson } from '../../../src/cli/otlp/decode-json';
import { createExporters } from '../../../src/export/create-exporters';
import { FileSpanExporter } from '../../../src/export/file/file-span-exporter';
import { encodeTraceRequestJson } from '../../../src/export/otlp/encode-json';
import { resolveConfig } from '../../../src/config/resolve';
import type { ExportResult, ReadableSpan } from '../../../src/sdk/sdk-types';
import { recordFixtureSpans } from './otlp-span-fixtures';

const folders: string[] = [];
function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'otel-bootstrap-file-'));
  folders.push(path);
  return path;
}
afterEach(() => {
  for (const path of folders.splice(0)) rmSync(path, { recursive: true, force: true });
});

function exportOnce(exporter: FileSpanExporter, spans: ReadableSpan[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

describe('file exporter', () => {
  it('writes one OTLP/JSON request per batch, one per line, that decodes to the spans', async () => {
    const path = join(folder(), 'nested', 'traces.jsonl');
    const exporter = new FileSpanExporter({ path, maxBytes: 10_000_000, maxFiles: 2 });
    const spans = await recordFixtureSpans(2);
    const pending = exporter.export(spans.slice(0, 3), () => undefined);
    expect(pending).toBeUndefined();
    expect(await exportOnce(exporter, spans.slice(3))).toEqual({ code: 0 });
    await exporter.shutdown();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(decodeTraceRequestJson(lines[0] as string).map((span) => span.spanId).sort()).toEqual(spans.slice(0, 3).map((span) => span.spanContext().spanId).sort());
    expect(decodeTraceRequestJson(lines[1] as string)).toHaveLength(spans.length - 3);
  });

  it('appends to an existing file and rotates before a line would pass the size cap, keeping maxFiles', async () => {
    const dir = folder();
    const path = join(dir, 'traces.jsonl');
    writeFileSync(path, '');
    const spans = await recordFixtureSpans();
    const lineBytes = Buffer.byteLength(readLine(spans));
    const exporter = new FileSpanExporter({ path, maxBytes: lineBytes * 2, maxFiles: 2 });
    for (let index = 0; index < 7; index++) expect((await exportOnce(exporter, spans)).code).toBe(0);
    await exporter.shutdown();
    expect(readdirSync(dir).sort()).toEqual(['traces.jsonl', 'traces.jsonl.1', 'traces.jsonl.2']);
    for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('reports a batch it cannot write as failed, and fails after shutdown', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'file'), 'not a folder');
    const exporter = new FileSpanExporter({ path: join(dir, 'file', 'traces.jsonl'), maxBytes: 10_000, maxFiles: 1 });
    const spans = await recordFixtureSpans();
    const result = await exportOnce(exporter, spans);
    expect(result.code).toBe(1);
    expect(result.error?.message).toMatch(/EEXIST|ENOTDIR/);
    await exporter.shutdown();
    expect((await exportOnce(exporter, spans)).error?.message).toContain('shut down');
  });

  it('is what OTEL_TRACES_EXPORTER=file builds, with OTEL_BOOTSTRAP_FILE_* settings', () => {
    const { config, warnings } = resolveConfig({}, { OTEL_TRACES_EXPORTER: 'file', OTEL_BOOTSTRAP_FILE_PATH: '/tmp/x.jsonl', OTEL_BOOTSTRAP_FILE_MAX_BYTES: '2048', OTEL_BOOTSTRAP_FILE_MAX_FILES: 'many' });
    expect(config.file).toEqual({ path: '/tmp/x.jsonl', maxBytes: 2048, maxFiles: 3 });
    expect(warnings).toContain('otel-bootstrap: OTEL_BOOTSTRAP_FILE_MAX_FILES="many" is invalid (expected a whole number from 0 to 1000); using 3.');
    const built = createExporters(config);
    expect(built).toHaveLength(1);
    expect(built[0]?.exporter).toBeInstanceOf(FileSpanExporter);
    expect(built[0]?.remote).toBe(true);
  });

  it('rejects a bad file option in code with a TypeError naming it', () => {
    expect(() => resolveConfig({ file: { maxBytes: 10 } })).toThrow(/"file.maxBytes" must be a whole number of at least 1024/);
  });
});

function readLine(spans: ReadableSpan[]): string {
  // One line as the exporter writes it.
  return `${encodeTraceRequestJson(spans).toString()}\n`;
}
