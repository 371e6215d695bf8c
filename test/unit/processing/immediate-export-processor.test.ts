import { diag } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImmediateExportProcessor, type ImmediateExportSettings } from '../../../src/processing/immediate-export-processor';
import { FakeExporter, fakeSpan, fakeSpans } from './fakes';

const SETTINGS: ImmediateExportSettings = { maxQueueSize: 100, exportTimeoutMillis: 30_000 };

function setup(exporter: FakeExporter, settings: Partial<ImmediateExportSettings> = {}): { processor: ImmediateExportProcessor; warnings: string[] } {
  const warnings: string[] = [];
  vi.spyOn(diag, 'warn').mockImplementation((message: string) => void warnings.push(message));
  return { processor: new ImmediateExportProcessor(exporter, { ...SETTINGS, ...settings }), warnings };
}

describe('ImmediateExportProcessor', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands each ended sampled span to the exporter at once, one per export', () => {
    const exporter = new FakeExporter('succeed');
    const { processor } = setup(exporter);
    processor.onEnd(fakeSpan(1));
    expect(exporter.exportedNames).toEqual(['span-1']);
    processor.onEnd(fakeSpan(2, false));
    processor.onEnd(fakeSpan(3));
    expect(exporter.batches.map((batch) => batch.map((span) => span.name))).toEqual([['span-1'], ['span-3']]);
  });

  it('forceFlush waits for the exports in flight, then flushes the exporter', async () => {
    const exporter = new FakeExporter('manual');
    const { processor } = setup(exporter);
    for (const span of fakeSpans(3)) processor.onEnd(span);
    let flushed = false;
    const flush = processor.forceFlush().then(() => (flushed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toBe(false);
    exporter.answerNext(0);
    exporter.answerNext(0);
    exporter.answerNext(1);
    await flush;
    expect(exporter.flushCalls).toBe(1);
    expect(processor.stats()).toEqual({ queued: 0, exportsInFlight: 0, exported: 2, dropped: 0, failed: 1 });
  });

  it('bounds unfinished exports by maxQueueSize and reports drops and failures in one warning per interval', async () => {
    vi.useFakeTimers();
    const exporter = new FakeExporter('never');
    const { processor, warnings } = setup(exporter, { maxQueueSize: 10, exportTimeoutMillis: 1000 });
    for (const span of fakeSpans(2000)) processor.onEnd(span);
    expect(exporter.batches).toHaveLength(10);
    expect(processor.stats()).toMatchObject({ exportsInFlight: 10, dropped: 1990 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(processor.stats()).toMatchObject({ exportsInFlight: 0, failed: 10 });
    expect(warnings).toEqual([]);
    await vi.advanceTimersByTimeAsync(9000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^otel-bootstrap: 1990 spans dropped in the last 10 s because the export queue was full \(maxQueueSize 10\); 10 spans lost in export: 10 \(the export did not finish within exportTimeoutMillis 1000\)\./);
  });

  it('never lets an exporter that throws reach the caller of onEnd', async () => {
    const exporter = new FakeExporter('throw');
    const { processor, warnings } = setup(exporter);
    expect(() => processor.onEnd(fakeSpan(1))).not.toThrow();
    await processor.forceFlush();
    expect(processor.stats().failed).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('1 span lost in the last 1 s');
  });

  it('shutdown waits for exports, shuts the exporter down once, returns the same promise twice and ignores later spans', async () => {
    const exporter = new FakeExporter('succeed-async');
    const { processor, warnings } = setup(exporter);
    processor.onEnd(fakeSpan(1));
    const first = processor.shutdown();
    expect(processor.shutdown()).toBe(first);
    await first;
    expect(processor.stats().exported).toBe(1);
    expect(exporter.shutdownCalls).toBe(1);
    processor.onEnd(fakeSpan(2));
    await processor.forceFlush();
    expect(exporter.exportedNames).toEqual(['span-1']);
    expect(warnings).toEqual([]);
  });
});
