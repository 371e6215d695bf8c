import { gzipSync } from 'node:zlib';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTraceRequestJson } from '../../src/export/otlp/encode-json';
import { encodeTraceRequestProtobuf } from '../../src/export/otlp/encode-protobuf';
import { ProtobufWriter } from '../../src/export/otlp/protobuf-writer';
import { recordFixtureSpans } from '../unit/export/otlp-span-fixtures';
import { assertBuilt, startService } from './support/service-process';
import { CLI, startUiProcess, type UiProcess } from './support/ui-process';

async function post(url: string, body: Buffer, contentType: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/v1/traces`, { method: 'POST', body, headers: { 'content-type': contentType, ...headers } });
  return { status: response.status, text: await response.text() };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

interface ListAnswer {
  traces: Array<{ traceId: string; rootName: string; spanCount: number; services: string[] }>;
  stats: { spans: number; rejectedRequests: number; acceptedRequests: number; droppedTraces: number; duplicateSpans: number };
}

describe('otel-bootstrap ui', () => {
  let ui: UiProcess;
  beforeAll(async () => {
    assertBuilt();
    ui = await startUiProcess(['--max-traces', '3']);
  });
  afterAll(async () => {
    await ui.stop();
  });

  it('accepts OTLP protobuf, JSON and gzip, and lists the traces with their spans', async () => {
    const spans = await recordFixtureSpans(2);
    expect(await post(ui.otlpUrl, encodeTraceRequestProtobuf(spans, new ProtobufWriter()), 'application/x-protobuf')).toEqual({ status: 200, text: '' });
    expect(await post(ui.otlpUrl, encodeTraceRequestJson(spans), 'application/json')).toEqual({ status: 200, text: '{}' });
    expect((await post(ui.otlpUrl, gzipSync(encodeTraceRequestJson(spans)), 'application/json', { 'content-encoding': 'gzip' })).status).toBe(200);
    const list = await getJson<ListAnswer>(`${ui.pageUrl}api/traces`);
    const serverTrace = list.traces.find((trace) => trace.rootName === 'GET /users/:id');
    expect(serverTrace?.spanCount).toBe(5); // the same 5 spans three times, kept once
    expect(list.stats).toMatchObject({ duplicateSpans: 14 }); // 7 spans sent three times
    expect(list.stats.acceptedRequests).toBe(3);
    const trace = await getJson<{ spans: Array<{ name: string }>; resources: unknown[] }>(`${ui.pageUrl}api/traces/${serverTrace?.traceId}`);
    expect(trace.spans.map((span) => span.name)).toContain('child 1');
    expect(trace.resources).toHaveLength(1);
  });

  it('answers 400 to a body that is not OTLP, and counts it on the page', async () => {
    const before = (await getJson<ListAnswer>(`${ui.pageUrl}api/traces`)).stats.rejectedRequests;
    const notProtobuf = await post(ui.otlpUrl, Buffer.from('definitely not protobuf'), 'application/x-protobuf');
    expect(notProtobuf.status).toBe(400);
    expect(notProtobuf.text).toMatch(/not a valid OTLP protobuf trace request/);
    expect((await post(ui.otlpUrl, Buffer.from('{"resourceSpans": [1, 2]'), 'application/json')).status).toBe(400);
    expect((await post(ui.otlpUrl, Buffer.from('{}'), 'text/plain')).status).toBe(415);
    const after = (await getJson<ListAnswer>(`${ui.pageUrl}api/traces`)).stats.rejectedRequests;
    expect(after - before).toBe(3);
  });

  it('filters the list by service, name, attribute and minimum duration', async () => {
    const spans = await recordFixtureSpans(1);
    await post(ui.otlpUrl, encodeTraceRequestJson(spans), 'application/json');
    const only = async (query: string): Promise<string[]> => (await getJson<ListAnswer>(`${ui.pageUrl}api/traces?${query}`)).traces.map((trace) => trace.rootName);
    expect(await only('name=root%200')).toEqual(['root 0']);
    expect(await only('attribute=label%3Dspan%20number%200%20with%20some%20padding%20text')).toEqual(['root 0']);
    expect(await only('service=nobody')).toEqual([]);
    expect((await only('minDuration=1000')).every((name) => name === 'GET /users/:id')).toBe(true);
  });

  it('keeps at most --max-traces traces, dropping the oldest and counting them', async () => {
    const list = await getJson<ListAnswer>(`${ui.pageUrl}api/traces`);
    expect(list.traces.length).toBeLessThanOrEqual(3);
    expect(list.stats.droppedTraces).toBeGreaterThan(0);
  });

  it('sends an update event when spans arrive', async () => {
    const controller = new AbortController();
    const response = await fetch(`${ui.pageUrl}api/events`, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^event: update\ndata: \{/);
    await post(ui.otlpUrl, encodeTraceRequestJson(await recordFixtureSpans()), 'application/json');
    const next = new TextDecoder().decode((await reader.read()).value);
    expect(next).toMatch(/event: update/);
    controller.abort();
  });

  it('serves the page with its script inlined', async () => {
    const html = await (await fetch(ui.pageUrl)).text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<div id="app"></div>');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});

describe('otel-bootstrap ui start-up errors', () => {
  it('names the port in use and the flag to change it', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const otlp = await startService([CLI, 'ui', '--port', String(port), '--ui-port', '0'], {}, false);
      expect((await otlp.exited).code).toBe(1);
      expect(otlp.stderr()).toContain(`port ${port} (OTLP/HTTP receiver) is already in use on 127.0.0.1`);
      expect(otlp.stderr()).toContain('--port <port>');
      const page = await startService([CLI, 'ui', '--port', '0', '--ui-port', String(port)], {}, false);
      expect((await page.exited).code).toBe(1);
      expect(page.stderr()).toContain(`port ${port} (web page) is already in use`);
      expect(page.stderr()).toContain('--ui-port <port>');
    } finally {
      blocker.close();
    }
  });

  it('rejects a port that is not a number with exit 2', async () => {
    const cli = await startService([CLI, 'ui', '--port', 'eighty'], {}, false);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toContain('--port "eighty" is invalid');
  });
});
