import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { ExportResultCode, type ExportResult } from '../../../src/sdk/export-result';
import { MemorySpanExporter } from '../../../src/sdk/memory-exporter';

const fakeSpan = (name: string) => ({ name }) as unknown as ReadableSpan;

describe('MemorySpanExporter', () => {
  it('keeps exported spans in order until reset, and refuses spans after shutdown', async () => {
    const exporter = new MemorySpanExporter();
    const results: ExportResult[] = [];
    exporter.export([fakeSpan('a'), fakeSpan('b')], (result) => results.push(result));
    exporter.export([fakeSpan('c')], (result) => results.push(result));
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['a', 'b', 'c']);
    exporter.reset();
    expect(exporter.getFinishedSpans()).toEqual([]);
    await exporter.forceFlush();
    exporter.export([fakeSpan('d')], (result) => results.push(result));
    await exporter.shutdown();
    expect(exporter.getFinishedSpans()).toEqual([]);
    exporter.export([fakeSpan('e')], (result) => results.push(result));
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(results.map((result) => result.code)).toEqual([ExportResultCode.SUCCESS, ExportResultCode.SUCCESS, ExportResultCode.SUCCESS, ExportResultCode.FAILED]);
    expect([ExportResultCode.SUCCESS, ExportResultCode.FAILED]).toEqual([0, 1]);
  });
});
