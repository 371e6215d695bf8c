import { context, diag, DiagLogLevel } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import http from 'node:http';
import net from 'node:net';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isTracingSuppressed } from '../../../src/context/suppress-tracing';
import { lossesOf } from '../../../src/export/export-losses';
import { EXPORTER_SHUT_DOWN_ERROR, partialSuccessCause, SINGLE_SPAN_TOO_LARGE_CAUSE, tooManyExportsError } from '../../../src/export/otlp/messages';
import { OtlpHttpTraceExporter, type OtlpHttpExporterOptions } from '../../../src/export/otlp/otlp-http-exporter';
import { startOtlpReceiver, type OtlpReceiver } from '../../integration/support/otlp-receiver';
import { recordFixtureSpans } from './otlp-span-fixtures';

function exportOnce(exporter: OtlpHttpTraceExporter, spans: ReadableSpan[]): Promise<{ result: ExportResult; calls: number }> {
  return new Promise((resolve) => {
    let calls = 0;
    exporter.export(spans, (result) => {
      calls++;
      // Let a second (wrong) callback show up before resolving.
      setTimeout(() => resolve({ result, calls }), 50);
    });
  });
}

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('OtlpHttpTraceExporter', () => {
  let receiver: OtlpReceiver;
  let spans: ReadableSpan[];
  const exporters: OtlpHttpTraceExporter[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  const contextManager = new AsyncLocalStorageContextManager();

  const create = (options: Partial<OtlpHttpExporterOptions> = {}): OtlpHttpTraceExporter => {
    const exporter = new OtlpHttpTraceExporter({ url: `${receiver.url}/v1/traces`, headers: { 'x-api-key': 'k1' }, timeoutMillis: 10_000, concurrencyLimit: 4, encoding: 'protobuf', ...options });
    exporters.push(exporter);
    return exporter;
  };

  beforeAll(async () => {
    context.setGlobalContextManager(contextManager.enable());
    diag.setLogger({ error: () => undefined, warn: (m: string) => warnings.push(m), info: (m: string) => infos.push(m), debug: () => undefined, verbose: () => undefined }, DiagLogLevel.INFO);
    receiver = await startOtlpReceiver();
    spans = await recordFixtureSpans(3);
  });
  afterEach(async () => {
    await Promise.all(exporters.splice(0).map((exporter) => exporter.shutdown()));
    receiver.mode = { kind: 'ok' };
    receiver.requests.length = 0;
    receiver.spans.length = 0;
    warnings.length = 0;
    infos.length = 0;
  });
  afterAll(async () => {
    await receiver.close();
    diag.disable();
    context.disable();
  });

  it('POSTs protobuf with the configured headers over a connection of its own, in a context with tracing suppressed', async () => {
    const suppressed: boolean[] = [];
    const original = net.connect;
    vi.spyOn(net, 'connect').mockImplementation(((...args: Parameters<typeof net.connect>) => {
      suppressed.push(isTracingSuppressed(context.active()));
      return original(...args);
    }));
    const viaHttp = vi.spyOn(http, 'request');
    const { result, calls } = await exportOnce(create(), spans);
    expect(result).toEqual({ code: 0 });
    expect(calls).toBe(1);
    expect(suppressed).toEqual([true]);
    expect(viaHttp).not.toHaveBeenCalled();
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.contentType).toBe('application/x-protobuf');
    expect(receiver.requests[0]?.headers['x-api-key']).toBe('k1');
    expect(receiver.spans.map((span) => span.spanId).sort()).toEqual(spans.map((span) => span.spanContext().spanId).sort());
  });

  it('POSTs JSON with application/json', async () => {
    const { result } = await exportOnce(create({ encoding: 'json' }), spans);
    expect(result.code).toBe(0);
    expect(receiver.requests[0]?.contentType).toBe('application/json');
    expect(receiver.spans).toHaveLength(spans.length);
  });

  it('retries 503 twice, then succeeds with the same batch and logs that export resumed', async () => {
    receiver.mode = { kind: 'sequence', steps: [{ kind: 'status', status: 503 }, { kind: 'status', status: 503 }], then: { kind: 'ok' } };
    const exporter = create();
    const { result } = await exportOnce(exporter, spans);
    expect(result.code).toBe(0);
    expect(receiver.requests.map((request) => request.answer)).toEqual(['status 503', 'status 503', 'ok']);
    expect(new Set(receiver.requests.map((request) => request.spanIds.join()))).toHaveProperty('size', 1);
    expect(warnings).toEqual([]);
    // A failed export followed by a success logs the resumed line.
    receiver.mode = { kind: 'status', status: 400 };
    await exportOnce(exporter, spans);
    receiver.mode = { kind: 'ok' };
    await exportOnce(exporter, spans);
    expect(infos.filter((line) => line.includes('works again after 1 failed export'))).toHaveLength(1);
  });

  it('never retries 400, and many failures give one warning', async () => {
    receiver.mode = { kind: 'status', status: 400 };
    const exporter = create();
    for (let i = 0; i < 5; i++) expect((await exportOnce(exporter, spans)).result.code).toBe(1);
    expect(receiver.requests).toHaveLength(5);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('failed (HTTP 400, not retried)');
    expect(warnings[0]).toContain(`${receiver.url}/v1/traces`);
  });

  it('does not wait for a Retry-After that ends past the export deadline', async () => {
    receiver.mode = { kind: 'status', status: 429, headers: { 'retry-after': '30' } };
    const { result } = await exportOnce(create({ timeoutMillis: 5000 }), spans);
    expect(result.code).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(result.error?.message).toContain('HTTP 429 after 1 attempt; the next retry would pass the export deadline');
  });

  it('gives up on a collector that never answers at the export deadline', async () => {
    receiver.mode = { kind: 'hang' };
    const { result, calls } = await exportOnce(create({ timeoutMillis: 300 }), spans);
    expect(calls).toBe(1);
    expect(result.code).toBe(1);
    expect(result.error?.message).toContain('no response within the 300 ms OTLP request timeout (otlp.timeoutMillis)');
    expect(receiver.requests).toHaveLength(1);
  });

  it('stops reading a huge response and does not retry', async () => {
    receiver.mode = { kind: 'huge', bytes: 10 * 1024 * 1024 };
    const { result } = await exportOnce(create(), spans);
    expect(result.code).toBe(1);
    expect(result.error?.message).toContain('response body larger than 65536 bytes');
    expect(receiver.requests).toHaveLength(1);
  });

  it('retries a refused connection until the deadline and reports the error code', async () => {
    const port = await unusedPort();
    const { result } = await exportOnce(create({ url: `http://127.0.0.1:${port}/v1/traces`, timeoutMillis: 1500 }), spans);
    expect(result.code).toBe(1);
    expect(result.error?.message).toMatch(/ECONNREFUSED after [2-5] attempts/);
  });

  it('fails exports beyond the in-flight limit at once', async () => {
    receiver.mode = { kind: 'hang' };
    const exporter = create({ concurrencyLimit: 1, timeoutMillis: 1000 });
    const first = exportOnce(exporter, spans);
    const second = await exportOnce(exporter, spans);
    expect(second.result.code).toBe(1);
    expect(second.result.error?.message).toBe(tooManyExportsError(1));
    expect((await first).result.code).toBe(1);
  });

  it('shutdown waits for exports in flight, returns the same promise twice and refuses later exports', async () => {
    receiver.mode = { kind: 'slow', delayMillis: 200 };
    const exporter = create();
    const results: number[] = [];
    exporter.export(spans, (result) => results.push(result.code));
    const shutdown = exporter.shutdown();
    expect(exporter.shutdown()).toBe(shutdown);
    await shutdown;
    expect(results).toEqual([0]);
    expect(receiver.spans).toHaveLength(spans.length);
    const late = await exportOnce(exporter, spans);
    expect(late.result.code).toBe(1);
    expect(late.result.error?.message).toBe(EXPORTER_SHUT_DOWN_ERROR);
    expect(warnings).toEqual([]);
  });

  it('forceFlush resolves once exports in flight are done', async () => {
    receiver.mode = { kind: 'slow', delayMillis: 100 };
    const exporter = create();
    let done = false;
    exporter.export(spans, () => (done = true));
    await exporter.forceFlush();
    expect(done).toBe(true);
  });

  it('names the spans a partial success rejected, with the collector message, in protobuf and JSON', async () => {
    for (const encoding of ['protobuf', 'json'] as const) {
      receiver.mode = { kind: 'partial', rejectedSpans: 2, errorMessage: 'span ids must not be zero' };
      const { result } = await exportOnce(create({ encoding }), spans);
      expect(result.code, encoding).toBe(0);
      expect(lossesOf(result), encoding).toEqual([{ spans: 2, cause: partialSuccessCause('span ids must not be zero') }]);
    }
    expect(warnings).toEqual([]);
  });

  it('a 200 without partial success names no loss', async () => {
    const { result } = await exportOnce(create(), spans);
    expect(lossesOf(result)).toEqual([]);
  });

  it('splits a batch answered with 413 in halves down to single spans, and names only what still did not fit', async () => {
    const many = [...spans, ...spans, ...spans].slice(0, 8);
    receiver.mode = { kind: 'too-large', maxSpans: 2 };
    const { result } = await exportOnce(create(), many);
    expect(result.code).toBe(0);
    expect(lossesOf(result)).toEqual([]);
    expect(receiver.spans).toHaveLength(8);
    // 8 -> 2 x 4 -> 4 x 2: every request above two spans was answered 413 and split.
    expect(receiver.requests.map((request) => request.spanIds.length)).toEqual([8, 4, 2, 2, 4, 2, 2]);

    receiver.reset();
    receiver.mode = { kind: 'too-large', maxSpans: 0 };
    const { result: alone } = await exportOnce(create(), many.slice(0, 2));
    expect(alone.code).toBe(1);
    expect(alone.error?.message).toContain(SINGLE_SPAN_TOO_LARGE_CAUSE);
    expect(receiver.requests.map((request) => request.spanIds.length)).toEqual([2, 1, 1]);
    expect(warnings.join('\n')).toContain(SINGLE_SPAN_TOO_LARGE_CAUSE);
  });

  it('once the process is ending, a refused connection is tried once and a retry wait in progress ends', async () => {
    const port = await unusedPort();
    const ending = create({ url: `http://127.0.0.1:${port}/v1/traces`, timeoutMillis: 10_000 });
    ending.beginFinalExports();
    const { result } = await exportOnce(ending, spans);
    expect(result.error?.message).toMatch(/ECONNREFUSED, not retried/);

    const waiting = create({ url: `http://127.0.0.1:${port}/v1/traces`, timeoutMillis: 10_000 });
    const answered = exportOnce(waiting, spans);
    await new Promise((resolve) => setTimeout(resolve, 200));
    waiting.beginFinalExports();
    const { result: second } = await answered;
    expect(second.error?.message).toMatch(/ECONNREFUSED after 2 attempts/);
    // The process is ending, so the exporter leaves the warning to the processor's loss report.
    expect(warnings.filter((warning) => warning.includes(`127.0.0.1:${port}`))).toEqual([]);
  });
});
