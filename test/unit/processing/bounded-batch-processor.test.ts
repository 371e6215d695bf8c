import { diag } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BoundedBatchProcessor, MAX_EXPORTS_IN_FLIGHT, type BatchSettings } from '../../../src/processing/bounded-batch-processor';
import { droppedSpansWarning } from '../../../src/processing/dropped-spans-warning';
import { LOSS_REPORT_INTERVAL_MILLIS } from '../../../src/processing/dropped-span-reporter';
import { FakeExporter, fakeSpan, fakeSpans } from './fakes';

const SETTINGS: BatchSettings = { maxQueueSize: 100, maxExportBatchSize: 10, scheduledDelayMillis: 5000, exportTimeoutMillis: 30_000 };

function setup(exporter: FakeExporter, settings: Partial<BatchSettings> = {}): { processor: BoundedBatchProcessor; warnings: string[] } {
  const warnings: string[] = [];
  vi.spyOn(diag, 'warn').mockImplementation((message: string) => void warnings.push(message));
  return { processor: new BoundedBatchProcessor(exporter, { ...SETTINGS, ...settings }), warnings };
}

function endAll(processor: BoundedBatchProcessor, spans: ReturnType<typeof fakeSpans>): void {
  for (const span of spans) processor.onEnd(span);
}

describe('BoundedBatchProcessor', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds at most maxQueueSize spans plus the batches in flight and drops and counts the rest', () => {
    vi.useFakeTimers();
    const exporter = new FakeExporter('manual');
    const { processor } = setup(exporter);
    endAll(processor, fakeSpans(500));
    const inFlight = MAX_EXPORTS_IN_FLIGHT * SETTINGS.maxExportBatchSize;
    expect(exporter.batches).toHaveLength(MAX_EXPORTS_IN_FLIGHT);
    expect(processor.stats()).toEqual({ queued: 100, exportsInFlight: MAX_EXPORTS_IN_FLIGHT, exported: 0, dropped: 500 - 100 - inFlight, failed: 0 });
    // The spans kept are the oldest ones, in order.
    expect(exporter.exportedNames).toEqual(fakeSpans(inFlight).map((span) => span.name));
  });

  it('exports a full batch at once and a partial one after scheduledDelayMillis', async () => {
    vi.useFakeTimers();
    const exporter = new FakeExporter('succeed');
    const { processor } = setup(exporter);
    endAll(processor, fakeSpans(13));
    expect(exporter.batches.map((batch) => batch.length)).toEqual([10]);
    await vi.advanceTimersByTimeAsync(SETTINGS.scheduledDelayMillis - 1);
    expect(exporter.batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(exporter.batches.map((batch) => batch.length)).toEqual([10, 3]);
    expect(processor.stats()).toMatchObject({ queued: 0, exported: 13, dropped: 0, failed: 0 });
  });

  it('reports thousands of drops in exactly one warning per interval', async () => {
    vi.useFakeTimers();
    const exporter = new FakeExporter('never');
    const { processor, warnings } = setup(exporter, { exportTimeoutMillis: 600_000 });
    endAll(processor, fakeSpans(5000));
    const firstDrops = 5000 - 120;
    await vi.advanceTimersByTimeAsync(LOSS_REPORT_INTERVAL_MILLIS - 1);
    expect(warnings).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(warnings).toEqual([droppedSpansWarning({ dropped: firstDrops, lost: [], periodMillis: LOSS_REPORT_INTERVAL_MILLIS, maxQueueSize: 100 })]);
    expect(warnings[0]).toContain(`${firstDrops} spans dropped in the last 10 s because the export queue was full (maxQueueSize 100)`);
    // Nothing more is lost: no further warning however long it runs.
    await vi.advanceTimersByTimeAsync(5 * LOSS_REPORT_INTERVAL_MILLIS);
    expect(warnings).toHaveLength(1);
    // A new burst opens a new interval with its own single warning.
    endAll(processor, fakeSpans(3000, 5000));
    await vi.advanceTimersByTimeAsync(LOSS_REPORT_INTERVAL_MILLIS);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain('3000 spans dropped in the last 10 s');
    expect(processor.stats().dropped).toBe(firstDrops + 3000);
  });

  it('reports pending losses at once on forceFlush, and again only for new losses', async () => {
    vi.useFakeTimers();
    const exporter = new FakeExporter('fail');
    const { processor, warnings } = setup(exporter, { maxQueueSize: 20, maxExportBatchSize: 20 });
    endAll(processor, fakeSpans(19));
    await processor.forceFlush();
    expect(processor.stats()).toMatchObject({ exported: 0, failed: 19, dropped: 0 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^otel-bootstrap: 19 spans lost in the last 1 s in export: 19 \(collector said no\)\./);
    // The interval timer was cancelled by the report: nothing more arrives later.
    await vi.advanceTimersByTimeAsync(2 * LOSS_REPORT_INTERVAL_MILLIS);
    expect(warnings).toHaveLength(1);
  });

  it('reports pending drops and failures together in one warning on shutdown', async () => {
    vi.useFakeTimers();
    const exporter = new FakeExporter('manual');
    const { processor, warnings } = setup(exporter);
    endAll(processor, fakeSpans(300));
    exporter.behaviour = 'fail';
    const shutdown = processor.shutdown();
    // The two batches in flight fail; the queued 100 are exported (and fail) batch after batch.
    exporter.answerNext(1);
    exporter.answerNext(1);
    await shutdown;
    expect(warnings).toEqual([droppedSpansWarning({ dropped: 180, lost: [{ spans: 100, cause: 'collector said no' }, { spans: 20, cause: 'the exporter reported failure without a reason' }], periodMillis: 0, maxQueueSize: 100 })]);
    expect(exporter.shutdownCalls).toBe(1);
  });

  it('forceFlush exports all 20,000 queued spans, batch after batch, before it resolves', async () => {
    const exporter = new FakeExporter('succeed-async');
    const { processor, warnings } = setup(exporter, { maxQueueSize: 20_000, maxExportBatchSize: 512, scheduledDelayMillis: 60_000 });
    // Exports start as batches fill; the flush must wait for every one of them and for the rest.
    endAll(processor, fakeSpans(20_000));
    await processor.forceFlush();
    expect(processor.stats()).toEqual({ queued: 0, exportsInFlight: 0, exported: 20_000, dropped: 0, failed: 0 });
    expect(exporter.batches.every((batch) => batch.length <= 512)).toBe(true);
    expect(exporter.batches).toHaveLength(Math.ceil(20_000 / 512));
    expect(exporter.exportedNames).toEqual(fakeSpans(20_000).map((span) => span.name));
    expect(warnings).toEqual([]);
  });

  it('forceFlush waits only for spans queued before it, even when a later batch finishes first', async () => {
    vi.useFakeTimers();
    const exporter = new FakeExporter('manual');
    const { processor } = setup(exporter);
    endAll(processor, fakeSpans(10));
    let flushed = false;
    void processor.forceFlush().then(() => (flushed = true));
    endAll(processor, fakeSpans(10, 10));
    expect(exporter.batches).toHaveLength(2);
    // The second batch (queued after the flush) finishes first: the flush still waits.
    exporter.waiting.reverse();
    exporter.answerNext(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(false);
    exporter.answerNext(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(true);
  });

  it(`keeps at most ${MAX_EXPORTS_IN_FLIGHT} exports in flight when the exporter never calls back, and times them out`, async () => {
    vi.useFakeTimers();
    const exporter = new FakeExporter('never');
    const { processor, warnings } = setup(exporter, { exportTimeoutMillis: 1000 });
    endAll(processor, fakeSpans(60));
    let flushed = false;
    void processor.forceFlush().then(() => (flushed = true));
    expect(exporter.batches).toHaveLength(MAX_EXPORTS_IN_FLIGHT);
    expect(processor.stats()).toMatchObject({ queued: 40, exportsInFlight: MAX_EXPORTS_IN_FLIGHT, failed: 0 });
    await vi.advanceTimersByTimeAsync(999);
    expect(exporter.batches).toHaveLength(MAX_EXPORTS_IN_FLIGHT);
    await vi.advanceTimersByTimeAsync(1);
    // Both timed out; the next two batches take their slots.
    expect(exporter.batches).toHaveLength(2 * MAX_EXPORTS_IN_FLIGHT);
    expect(processor.stats()).toMatchObject({ queued: 20, exportsInFlight: MAX_EXPORTS_IN_FLIGHT, failed: 20 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(flushed).toBe(true);
    expect(processor.stats()).toEqual({ queued: 0, exportsInFlight: 0, exported: 0, dropped: 0, failed: 60 });
    // The period runs from the first loss (the first timeout, at 1 s) to the flush (at 3 s).
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('60 spans lost in the last 2 s in export: 60 (the export did not finish within exportTimeoutMillis 1000)');
  });

  it('ignores a late answer from an export that already timed out', async () => {
    vi.useFakeTimers();
    const exporter = new FakeExporter('manual');
    const { processor } = setup(exporter, { exportTimeoutMillis: 1000 });
    endAll(processor, fakeSpans(10));
    await vi.advanceTimersByTimeAsync(1000);
    exporter.answerNext(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(processor.stats()).toMatchObject({ exported: 0, failed: 10, exportsInFlight: 0 });
  });

  it('never lets an exporter that throws reach the caller of onEnd', async () => {
    const exporter = new FakeExporter('throw');
    const { processor, warnings } = setup(exporter);
    expect(() => endAll(processor, fakeSpans(25))).not.toThrow();
    await processor.forceFlush();
    expect(processor.stats()).toMatchObject({ exported: 0, failed: 25, queued: 0, exportsInFlight: 0 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('25 spans lost');
  });

  it('shutdown flushes, shuts the exporter down once, and a second shutdown returns the same promise', async () => {
    const exporter = new FakeExporter('succeed-async');
    const { processor } = setup(exporter);
    endAll(processor, fakeSpans(25));
    const first = processor.shutdown();
    const second = processor.shutdown();
    expect(second).toBe(first);
    await first;
    expect(exporter.exportedNames).toHaveLength(25);
    expect(exporter.shutdownCalls).toBe(1);
    // A flush after shutdown resolves with the shutdown.
    await processor.forceFlush();
    expect(exporter.shutdownCalls).toBe(1);
  });

  it('does not wait longer than exportTimeoutMillis for an exporter whose shutdown hangs, nor reject when it throws', async () => {
    vi.useFakeTimers();
    const hanging = new FakeExporter('succeed');
    hanging.shutdown = () => new Promise<void>(() => {});
    const { processor } = setup(hanging, { exportTimeoutMillis: 1000 });
    let done = false;
    void processor.shutdown().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);

    const throwing = new FakeExporter('succeed');
    throwing.shutdown = () => {
      throw new Error('cannot stop');
    };
    await expect(new BoundedBatchProcessor(throwing, SETTINGS).shutdown()).resolves.toBeUndefined();
  });

  it('ignores spans ended after shutdown quietly', async () => {
    const exporter = new FakeExporter('succeed');
    const { processor, warnings } = setup(exporter);
    await processor.shutdown();
    endAll(processor, fakeSpans(500));
    await processor.forceFlush();
    expect(exporter.batches).toEqual([]);
    expect(processor.stats()).toEqual({ queued: 0, exportsInFlight: 0, exported: 0, dropped: 0, failed: 0 });
    expect(warnings).toEqual([]);
  });

  it('never queues spans that are not sampled', async () => {
    const exporter = new FakeExporter('succeed');
    const { processor } = setup(exporter);
    for (let i = 0; i < 500; i++) processor.onEnd(fakeSpan(i, i === 7));
    await processor.forceFlush();
    expect(exporter.exportedNames).toEqual(['span-7']);
    expect(processor.stats()).toMatchObject({ exported: 1, dropped: 0 });
  });
});
