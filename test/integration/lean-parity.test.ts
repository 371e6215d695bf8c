/**
 * The lean HTTP instrumentation against the official HTTP + Express instrumentations: the same
 * requests through the same Express app under `--require dist/register.cjs`, exported as OTLP/JSON
 * to an in-process receiver, must give the same span names, kinds, attributes (ports and timing
 * aside), parent/child structure and propagation. The official Express instrumentation's own
 * `request handler` spans have no lean counterpart (the route is on the server span); they are
 * folded into their parents before comparing. `error.type` on error spans is a lean addition
 * required by the stable semantic conventions.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const REGISTER = join(root, 'dist', 'register.cjs');
const PARENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: Array<{ key: string; value: OtlpValue }>;
  status?: { code?: number };
}
interface CollectedSpan extends OtlpSpan {
  scope: string;
}

const fixture = `
const express = require(${JSON.stringify(require.resolve('express'))});
const http = require('node:http');
const net = require('node:net');
const app = express();
const api = express.Router();
api.get('/items/:n', (req, res) => res.json({ n: req.params.n }));
app.use('/api', api);
app.get('/users/:id', (req, res) => {
  http.get({ host: '127.0.0.1', port: server.address().port, path: '/down?sig=secret&y=1' }, (down) => {
    let body = '';
    down.setEncoding('utf8');
    down.on('data', (chunk) => { body += chunk; });
    down.on('end', () => res.json({ id: req.params.id, down: JSON.parse(body) }));
  });
});
app.get('/down', (req, res) => res.json({ traceparent: req.headers.traceparent }));
app.get('/fail', (_req, res) => res.status(500).json({ failed: true }));

// Requests are written on raw sockets so that the driver itself makes no client spans.
function raw(port, path, headers) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => { text += chunk; });
    socket.on('end', () => resolve(text.slice(text.indexOf('\\r\\n\\r\\n') + 4)));
    socket.on('error', reject);
    const extra = Object.entries(headers).map(([k, v]) => k + ': ' + v + '\\r\\n').join('');
    socket.write('GET ' + path + ' HTTP/1.1\\r\\nHost: 127.0.0.1:' + port + '\\r\\nUser-Agent: parity-test\\r\\n' + extra + 'Connection: close\\r\\n\\r\\n');
  });
}

const server = app.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const bodies = {};
  bodies.users = await raw(port, '/users/7?q=1', { traceparent: '00-${PARENT_TRACE}-${PARENT_SPAN}-01' });
  bodies.items = await raw(port, '/api/items/3', {});
  bodies.fail = await raw(port, '/fail', {});
  bodies.missing = await raw(port, '/nowhere', {});
  bodies.health = await raw(port, '/health', {});
  process.stdout.write(JSON.stringify(bodies) + '\\n');
  server.close();
});
`;

let receiver: Server;
let receiverUrl: string;
let directory: string;
const received: CollectedSpan[] = [];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'lean-parity-'));
  writeFileSync(join(directory, 'app.cjs'), fixture);
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { resourceSpans?: Array<{ scopeSpans?: Array<{ scope?: { name?: string }; spans?: OtlpSpan[] }> }> };
      for (const resource of parsed.resourceSpans ?? []) {
        for (const scope of resource.scopeSpans ?? []) for (const span of scope.spans ?? []) received.push({ ...span, scope: scope.scope?.name ?? '' });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});

async function runWith(mode: 'lean' | 'official'): Promise<{ spans: CollectedSpan[]; bodies: Record<string, string> }> {
  received.length = 0;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('OTEL_') && key !== 'NODE_OPTIONS') env[key] = value;
  const child = spawn(process.execPath, ['--require', REGISTER, join(directory, 'app.cjs')], {
    cwd: directory,
    env: {
      ...env,
      NODE_ENV: 'development',
      OTEL_SERVICE_NAME: 'parity',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
      OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: mode,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  expect(code, stderr).toBe(0);
  const bodies = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, string>;
  return { spans: [...received], bodies };
}

function value(v: OtlpValue): string | number | boolean | undefined {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  return v.boolValue ?? v.doubleValue;
}

/** Ports and peer addresses vary per run; `url.full` carries a port. */
function normaliseAttributes(span: CollectedSpan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value: v } of span.attributes ?? []) {
    if (key === 'error.type') continue;
    let x = value(v);
    if (key === 'server.port' || key === 'network.peer.port') x = 'PORT';
    if (key === 'url.full' && typeof x === 'string') x = x.replace(/:\d+\//, ':PORT/');
    out[key] = x;
  }
  return out;
}

/** Each trace as an indented outline; spans of the official Express instrumentation are folded into their parents. */
function outline(spans: CollectedSpan[]): string[] {
  const kept = spans.filter((span) => !span.scope.includes('instrumentation-express'));
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const parentOf = (span: CollectedSpan): string | undefined => {
    let parent = span.parentSpanId === undefined || span.parentSpanId === '' ? undefined : byId.get(span.parentSpanId);
    while (parent !== undefined && parent.scope.includes('instrumentation-express')) parent = parent.parentSpanId ? byId.get(parent.parentSpanId) : undefined;
    return parent?.spanId;
  };
  const children = new Map<string | undefined, CollectedSpan[]>();
  for (const span of kept) {
    const key = parentOf(span);
    children.set(key, [...(children.get(key) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (span: CollectedSpan, depth: number): void => {
    const attributes = normaliseAttributes(span);
    const sorted = Object.keys(attributes).sort().map((key) => `${key}=${String(attributes[key])}`);
    lines.push(`${'  '.repeat(depth)}${span.name} kind=${span.kind} status=${span.status?.code ?? 0} ${sorted.join(' ')}`);
    const list = [...(children.get(span.spanId) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const child of list) walk(child, depth + 1);
  };
  const roots = [...(children.get(undefined) ?? [])].sort((a, b) => a.name.localeCompare(b.name) || (a.parentSpanId ?? '').localeCompare(b.parentSpanId ?? ''));
  for (const span of roots) walk(span, 0);
  return lines;
}

describe('lean HTTP instrumentation parity with the official HTTP + Express instrumentations', () => {
  it('gives the same spans, attributes, structure and propagation', async () => {
    const official = await runWith('official');
    const lean = await runWith('lean');

    expect(outline(lean.spans)).toEqual(outline(official.spans));
    expect(outline(lean.spans).length).toBeGreaterThanOrEqual(6);

    for (const run of [official, lean]) {
      // The incoming traceparent is continued.
      const server = run.spans.find((span) => span.name === 'GET /users/:id');
      expect(server?.traceId).toBe(PARENT_TRACE);
      expect(server?.parentSpanId).toBe(PARENT_SPAN);
      // The outgoing call injects its own span as parent of the downstream request.
      const client = run.spans.find((span) => span.kind === 3 && span.traceId === PARENT_TRACE);
      const users = JSON.parse(run.bodies.users ?? '{}') as { down?: { traceparent?: string } };
      expect(users.down?.traceparent).toBe(`00-${PARENT_TRACE}-${client?.spanId}-01`);
      // Ignored paths make no spans.
      expect(run.spans.some((span) => span.name.includes('/health'))).toBe(false);
    }

    // The lean implementation marks server errors with error.type, as the stable conventions ask.
    const failed = lean.spans.find((span) => span.name === 'GET /fail');
    expect(failed?.attributes?.find((a) => a.key === 'error.type')?.value.stringValue).toBe('500');
  });
});
