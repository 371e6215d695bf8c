import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it, vi, type MockInstance } from 'vitest';
import { DroppedSpanWarnings } from '../../../../src/export/jaeger/dropped-span-warnings';
import { EXPORTER_SHUT_DOWN_ERROR, PacketLimitedExporter } from '../../../../src/export/jaeger/packet-limited-exporter';
import type { ThriftSpanSizer } from '../../../../src/export/jaeger/thrift-span-sizer';

const LIMIT = 100;
const ENVELOPE = 10; // so 90 bytes of spans fit one packet

/** A fake span whose name says its size ("s40" is 40 bytes, "s?" cannot be measured) and service. */
function span(name: string, service = 'svc'): ReadableSpan {
  return { name, resource: { attributes: { 'service.name': service } } } as unknown as ReadableSpan;
}

const sizer: ThriftSpanSizer = {
  measure: (s) => ({ span: s, bytes: s.name === 's?' ? undefined : Number(s.name.slice(1)), serviceName: String(s.resource.attributes['service.name']) }),
  emptyPacketBytes: (serviceName) => ENVELOPE + serviceName.length - 3,
};

/** An inner exporter that records each export and answers as told (synchronously by default). */
class RecordingExporter implements SpanExporter {
  readonly exported: string[][] = [];
  readonly pending: Array<(result: ExportResult) => void> = [];
  answer: (names: string[]) => ExportResult | 'later' | 'throw' = () => ({ code: ExportResultCode.SUCCESS });
  shutdown = vi.fn(() => Promise.resolve());
  forceFlush = vi.fn(() => Promise.resolve());
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const names = spans.map((s) => s.name);
    this.exported.push(names);
    const answer = this.answer(names);
    if (answer === 'throw') throw new Error('inner exploded');
    if (answer === 'later') this.pending.push(done);
    else done(answer);
  }
}

function setup(): { inner: RecordingExporter; exporter: PacketLimitedExporter; warnings: DroppedSpanWarnings; record: MockInstance<(count: number) => void>; flush: MockInstance<() => void> } {
  const inner = new RecordingExporter();
  const warnings = new DroppedSpanWarnings(() => 'unused');
  const record = vi.spyOn(warnings, 'record').mockImplementation(() => undefined);
  const flush = vi.spyOn(warnings, 'flush').mockImplementation(() => undefined);
  return { inner, exporter: new PacketLimitedExporter(inner, { sizer, packetLimitBytes: LIMIT, warnings }), warnings, record, flush };
}

function exportAndWait(exporter: PacketLimitedExporter, spans: ReadableSpan[]): Promise<ExportResult[]> {
  return new Promise((resolve) => {
    const results: ExportResult[] = [];
    exporter.export(spans, (result) => {
      results.push(result);
      // Let any second call show up before resolving.
      setImmediate(() => resolve(results));
    });
  });
}

describe('PacketLimitedExporter', () => {
  it('drops spans too large for any packet, counts them once, and hands the rest over one packet per export', async () => {
    const { inner, exporter, record } = setup();
    const results = await exportAndWait(exporter, ['s50', 's91', 's40', 's500', 's30', 's90'].map((name) => span(name)));
    expect(results).toEqual([{ code: ExportResultCode.SUCCESS }]);
    expect(inner.exported).toEqual([['s50', 's40'], ['s30'], ['s90']]);
    expect(record.mock.calls).toEqual([[2]]);
  });

  it('reports success without calling the inner exporter when every span is too large', async () => {
    const { inner, exporter, record } = setup();
    expect(await exportAndWait(exporter, [span('s95'), span('s200')])).toEqual([{ code: ExportResultCode.SUCCESS }]);
    expect(inner.exported).toEqual([]);
    expect(record.mock.calls).toEqual([[2]]);
  });

  it('keeps sending the other packets when one fails, then reports that failure once', async () => {
    const { inner, exporter } = setup();
    const error = new Error('send failed');
    inner.answer = (names) => (names.includes('s60') ? { code: ExportResultCode.FAILED, error } : { code: ExportResultCode.SUCCESS });
    const results = await exportAndWait(exporter, [span('s60'), span('s60'), span('s10')]);
    expect(inner.exported).toEqual([['s60'], ['s60', 's10']]);
    expect(results).toEqual([{ code: ExportResultCode.FAILED, error }]);
  });

  it('turns an inner exporter that throws into a failed result instead of an exception', async () => {
    const { inner, exporter } = setup();
    inner.answer = () => 'throw';
    const results = await exportAndWait(exporter, [span('s10')]);
    expect(results).toHaveLength(1);
    expect(results[0]?.code).toBe(ExportResultCode.FAILED);
    expect(results[0]?.error?.message).toBe('inner exploded');
  });

  it('sends a span of unknown size in a packet of its own', async () => {
    const { inner, exporter } = setup();
    await exportAndWait(exporter, [span('s10'), span('s?'), span('s10')]);
    expect(inner.exported).toEqual([['s10'], ['s?'], ['s10']]);
  });

  it('runs exports one at a time, in order', async () => {
    const { inner, exporter } = setup();
    inner.answer = () => 'later';
    const first = vi.fn();
    const second = vi.fn();
    exporter.export([span('s10', 'svc')], first);
    exporter.export([span('s20', 'svc')], second);
    await vi.waitFor(() => expect(inner.exported).toEqual([['s10']]));
    inner.pending.shift()?.({ code: ExportResultCode.SUCCESS });
    await vi.waitFor(() => expect(inner.exported).toEqual([['s10'], ['s20']]));
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
    inner.pending.shift()?.({ code: ExportResultCode.SUCCESS });
    await vi.waitFor(() => expect(second).toHaveBeenCalledTimes(1));
  });

  it('sizes packets for the service name the inner sender locked in with its first span', async () => {
    const { inner, exporter } = setup();
    // Envelope for "svc" is 10 bytes; for "a-longer-service" 23 bytes.
    await exportAndWait(exporter, [span('s90', 'svc')]);
    await exportAndWait(exporter, [span('s90', 'a-longer-service')]);
    expect(inner.exported).toEqual([['s90'], ['s90']]);
    const fresh = setup();
    await exportAndWait(fresh.exporter, [span('s90', 'a-longer-service'), span('s77', 'svc')]);
    expect(fresh.inner.exported).toEqual([['s77']]);
  });

  it('shuts the inner exporter down after running exports, prints pending warnings, and fails later exports at once', async () => {
    const { inner, exporter, flush } = setup();
    inner.answer = () => 'later';
    const done = vi.fn();
    exporter.export([span('s10')], done);
    const shutdown = exporter.shutdown();
    expect(exporter.shutdown()).toBe(shutdown);
    await vi.waitFor(() => expect(inner.pending).toHaveLength(1));
    expect(inner.shutdown).not.toHaveBeenCalled();
    inner.pending.shift()?.({ code: ExportResultCode.SUCCESS });
    await shutdown;
    expect(done).toHaveBeenCalledWith({ code: ExportResultCode.SUCCESS });
    expect(inner.shutdown).toHaveBeenCalledTimes(1);
    expect(flush).toHaveBeenCalledTimes(1);
    const late = vi.fn();
    exporter.export([span('s10')], late);
    expect(late).toHaveBeenCalledTimes(1);
    expect(late.mock.calls[0]?.[0]).toMatchObject({ code: ExportResultCode.FAILED, error: new Error(EXPORTER_SHUT_DOWN_ERROR) });
    expect(inner.exported).toEqual([['s10']]);
  });

  it('prints pending warnings on force flush, even when the inner flush fails', async () => {
    const { inner, exporter, flush } = setup();
    inner.forceFlush.mockImplementation(() => Promise.reject(new Error('flush failed')));
    await expect(exporter.forceFlush()).rejects.toThrow('flush failed');
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
