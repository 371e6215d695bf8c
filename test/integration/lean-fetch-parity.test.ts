/**
 * The lean fetch instrumentation against the official undici instrumentation: the same `fetch`
 * calls from a child process under `--require dist/register.cjs`, exported as OTLP/JSON to a
 * receiver in this process, must give the same span names, kinds, statuses, exception events and
 * attributes (ports aside), and the same propagation: the downstream server (in this process, so
 * not traced) sees a traceparent naming the client span, whose parent is the caller's span.
 *
 * Deliberate differences, applied to the official spans before comparing (see `expectedFromOfficial`):
 * - secret query values (`sig`, `X-Amz-Signature`, ...) are `REDACTED` in `url.full` and
 *   `url.query`; the official instrumentation alone would export them as they are, so the package
 *   redacts its attributes with a start-span hook.
 * - `url.query` is the query without its `?` and is left out when there is none, as the semantic
 *   conventions define it; the official one keeps the `?` and sets an empty string.
 * - `http.request.method_original` is set only when it differs from `http.request.method`, as the
 *   stable conventions require; the official one always sets it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedSpan } from './support/otlp-decode';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';
import { assertBuilt, REGISTER_CJS, startService } from './support/service-process';

const REDACTED_KEYS = ['sig', 'X-Amz-Signature'];

/** Calls made by the fixture, by a label the downstream server sees in the path. */
const fixture = `
const api = require(${JSON.stringify(require.resolve('@opentelemetry/api'))});
const downstream = process.env.DOWNSTREAM;
const refused = process.env.REFUSED;
const calls = [
  ['ok', downstream + '/ok?sig=secret&q=1&X-Amz-Signature=abc', { headers: { 'user-agent': 'parity-test' } }],
  ['missing', downstream + '/status/404', {}],
  ['failing', downstream + '/status/500', { method: 'POST', body: 'x' }],
  ['other-method', downstream + '/brew', { method: 'BREW' }],
  ['refused', refused + '/refused', {}],
  ['credentials', downstream.replace('http://', 'http://user:password@') + '/credentials', {}],
];
const tracer = api.trace.getTracer('fixture');
(async () => {
  const outcomes = {};
  for (const [label, url, init] of calls) {
    const parent = tracer.startSpan('call ' + label);
    try {
      const response = await api.context.with(api.trace.setSpan(api.context.active(), parent), () => fetch(url, init));
      await response.text();
      outcomes[label] = { status: response.status };
    } catch (error) {
      outcomes[label] = { error: error.name + ': ' + error.message };
    }
    parent.end();
  }
  process.stdout.write(JSON.stringify(outcomes) + '\\n');
})();
`;

let directory: string;
let downstream: Server;
let downstreamUrl: string;
let refusedUrl: string;
/** The traceparent each downstream path received, per run. */
let traceparents: Map<string, string | undefined>;

beforeAll(async () => {
  assertBuilt();
  directory = mkdtempSync(join(tmpdir(), 'lean-fetch-parity-'));
  writeFileSync(join(directory, 'app.cjs'), fixture);
  downstream = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const traceparent = request.headers.traceparent;
    traceparents.set(path, Array.isArray(traceparent) ? traceparent.join(',') : traceparent);
    const status = Number(/^\/status\/(\d{3})$/.exec(path)?.[1] ?? 200);
    request.resume();
    request.on('end', () => response.writeHead(status, { 'content-type': 'text/plain' }).end('body'));
  });
  await new Promise<void>((resolve) => downstream.listen(0, '127.0.0.1', resolve));
  downstreamUrl = `http://127.0.0.1:${(downstream.address() as AddressInfo).port}`;
  // A port nothing listens on: bound, then released.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  refusedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(async () => {
  downstream.closeAllConnections();
  await new Promise<void>((resolve) => downstream.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});

interface Run {
  spans: ReceivedSpan[];
  outcomes: Record<string, { status?: number; error?: string }>;
  traceparents: Map<string, string | undefined>;
}

async function runWith(mode: 'lean' | 'official'): Promise<Run> {
  traceparents = new Map();
  const receiver: OtlpReceiver = await startOtlpReceiver();
  try {
    const service = await startService(
      ['--require', REGISTER_CJS, join(directory, 'app.cjs')],
      {
        NODE_ENV: 'development',
        OTEL_SERVICE_NAME: 'fetch-parity',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_TRACES_SAMPLER: 'parentbased_always_on',
        OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: mode,
        DOWNSTREAM: downstreamUrl,
        REFUSED: refusedUrl,
      },
      false,
    );
    const timer = setTimeout(() => service.kill('SIGKILL'), 30_000);
    const { code } = await service.exited;
    clearTimeout(timer);
    expect(code, service.stderr()).toBe(0);
    const outcomes = JSON.parse(service.stdout().trim().split('\n').pop() ?? '{}') as Run['outcomes'];
    // Six parent spans and five client spans (fetch refuses the URL with credentials itself).
    const spans = await receiver.waitForSpans(11, 20_000);
    return { spans, outcomes, traceparents };
  } finally {
    await receiver.close();
  }
}

/** Attributes with the run-dependent ports replaced. */
function portless(attributes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'server.port' || key === 'network.peer.port') out[key] = 'PORT';
    else if (key === 'url.full' && typeof value === 'string') out[key] = value.replace(/^(https?:\/\/[^/]+):\d+\//, '$1:PORT/');
    else out[key] = value;
  }
  return out;
}

function redact(query: string): string {
  const params = new URLSearchParams(query);
  for (const key of REDACTED_KEYS) if (params.has(key)) params.set(key, 'REDACTED');
  return params.toString();
}

/** The official span's attributes with the deliberate differences listed at the top applied. */
function expectedFromOfficial(attributes: Record<string, unknown>): Record<string, unknown> {
  const out = { ...attributes };
  const query = typeof out['url.query'] === 'string' ? out['url.query'].replace(/^\?/, '') : '';
  if (query === '') delete out['url.query'];
  else out['url.query'] = redact(query);
  if (typeof out['url.full'] === 'string' && query !== '') out['url.full'] = `${out['url.full'].split('?')[0] ?? ''}?${redact(query)}`;
  if (out['http.request.method_original'] === out['http.request.method']) delete out['http.request.method_original'];
  return out;
}

/** Client spans by the call label of their parent span. */
function clientSpans(run: Run): Map<string, { span: ReceivedSpan; parent: ReceivedSpan | undefined }> {
  const byId = new Map(run.spans.map((span) => [span.spanId, span]));
  const out = new Map<string, { span: ReceivedSpan; parent: ReceivedSpan | undefined }>();
  for (const span of run.spans) {
    if (span.kind !== 3) continue;
    const parent = span.parentSpanId === undefined ? undefined : byId.get(span.parentSpanId);
    out.set(parent?.name.replace(/^call /, '') ?? '(no parent)', { span, parent });
  }
  return out;
}

function describeSpan(span: ReceivedSpan, attributes: Record<string, unknown>): Record<string, unknown> {
  return { name: span.name, kind: span.kind, status: span.status.code, events: span.events, attributes: portless(attributes) };
}

describe('lean fetch instrumentation parity with the official undici instrumentation', () => {
  it('gives the same client spans, attributes and propagation', async () => {
    const official = await runWith('official');
    const lean = await runWith('lean');

    // The calls themselves behave the same.
    expect(lean.outcomes).toEqual(official.outcomes);
    expect(lean.outcomes.ok).toEqual({ status: 200 });
    expect(lean.outcomes.missing).toEqual({ status: 404 });
    expect(lean.outcomes.failing).toEqual({ status: 500 });
    // Node's HTTP parser answers an unknown method with 400 before any handler runs.
    expect(lean.outcomes['other-method']).toEqual({ status: 400 });
    expect(lean.outcomes.refused?.error).toMatch(/^TypeError: fetch failed/);
    expect(lean.outcomes.credentials?.error).toMatch(/credentials/);

    const officialClients = clientSpans(official);
    const leanClients = clientSpans(lean);
    const labels = ['ok', 'missing', 'failing', 'other-method', 'refused'];
    expect([...leanClients.keys()].sort()).toEqual([...labels].sort());
    expect([...officialClients.keys()].sort()).toEqual([...labels].sort());

    for (const label of labels) {
      const theirs = officialClients.get(label)?.span as ReceivedSpan;
      const ours = leanClients.get(label)?.span as ReceivedSpan;
      expect(ours.scope).toBe('otel-bootstrap/lean-fetch');
      expect(describeSpan(ours, ours.attributes), label).toEqual(describeSpan(theirs, expectedFromOfficial(theirs.attributes)));
    }

    // Secrets never leave either way: the package redacts the official instrumentation's URL attributes too.
    expect(officialClients.get('ok')?.span.attributes['url.full']).not.toContain('secret');
    expect(leanClients.get('ok')?.span.attributes['url.full']).toMatch(/\/ok\?sig=REDACTED&q=1&X-Amz-Signature=REDACTED$/);
    expect(leanClients.get('other-method')?.span).toMatchObject({ name: 'HTTP', attributes: { 'http.request.method': '_OTHER', 'http.request.method_original': 'BREW' } });
    expect(leanClients.get('refused')?.span).toMatchObject({ status: { code: 2 }, attributes: { 'error.type': 'ECONNREFUSED' } });
    expect(leanClients.get('failing')?.span).toMatchObject({ status: { code: 2 }, attributes: { 'error.type': '500' } });

    for (const run of [official, lean]) {
      for (const [label, { span, parent }] of clientSpans(run)) {
        // Parent is the span active when fetch was called.
        expect(parent?.name, label).toBe(`call ${label}`);
        expect(span.traceId).toBe(parent?.traceId);
      }
      for (const [path, label] of [
        ['/ok', 'ok'],
        ['/status/404', 'missing'],
        ['/status/500', 'failing'],
      ] as const) {
        const client = clientSpans(run).get(label)?.span;
        expect(run.traceparents.get(path), path).toBe(`00-${client?.traceId}-${client?.spanId}-01`);
      }
      expect(run.traceparents.has('/credentials')).toBe(false);
    }
  });
});
