/** Reads traces back from the query API of the Jaeger that `npm run test:e2e` starts, and runs the examples that send them. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const JAEGER_QUERY = 'http://127.0.0.1:16686';
export const REPO = join(__dirname, '..', '..', '..');
const RUN_TIMEOUT_MILLIS = 90_000;
const QUERY_TIMEOUT_MILLIS = 30_000;

export interface JaegerTag {
  key: string;
  value: unknown;
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: Array<{ refType: string; traceID: string; spanID: string }>;
  processID: string;
  tags: JaegerTag[];
  logs: Array<{ timestamp: number; fields: JaegerTag[] }>;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs a compiled example (`examples/dist/...`) with this environment (no OTEL_* inherited from the test run). */
export function runExample(script: string, env: Record<string, string>): Promise<RunResult> {
  const file = join(REPO, 'examples', 'dist', script);
  if (!existsSync(file)) throw new Error(`${file} is missing: run the e2e tests with \`npm run test:e2e\`, which compiles the examples.`);
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_')));
  const child = spawn(process.execPath, [file], { cwd: REPO, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${RUN_TIMEOUT_MILLIS} ms:\n${output}`));
    }, RUN_TIMEOUT_MILLIS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

export async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${JAEGER_QUERY}${path}`, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: await response.json() };
}

const sleep = (millis: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, millis));

/** Polls Jaeger until `ready(trace)` holds (bounded); returns the last trace seen. */
export async function waitForTrace(traceId: string, ready: (trace: JaegerTrace) => boolean): Promise<JaegerTrace> {
  const deadline = Date.now() + QUERY_TIMEOUT_MILLIS;
  let last: JaegerTrace | undefined;
  for (;;) {
    const { status, body } = await getJson(`/api/traces/${traceId}`);
    const data = status === 200 ? (body as { data?: JaegerTrace[] }).data : undefined;
    const found = data?.length === 1 ? data[0] : undefined;
    if (found !== undefined) {
      last = found;
      if (ready(found)) return found;
    }
    if (Date.now() > deadline) {
      if (last === undefined) throw new Error(`trace ${traceId} not found in Jaeger within ${QUERY_TIMEOUT_MILLIS} ms (last status ${status})`);
      return last;
    }
    await sleep(250);
  }
}

export function tag(span: JaegerSpan, key: string): unknown {
  return span.tags.find((entry) => entry.key === key)?.value;
}

/** Throws (so the test fails, never skips) when Jaeger's query API does not answer. */
export async function requireJaeger(): Promise<void> {
  let services: unknown;
  try {
    services = (await getJson('/api/services')).body;
  } catch (error) {
    throw new Error(
      `Jaeger query API ${JAEGER_QUERY} is not reachable (${error instanceof Error ? error.message : String(error)}). ` +
        'Run the e2e tests with `npm run test:e2e`, which starts Jaeger through scripts/jaeger.sh.',
    );
  }
  expect(services).toHaveProperty('data');
}

/** Each span of the trace by `service/operation/kind` (service names without `-<suffix>`), and the key of each span's CHILD_OF parent. */
export function spanTree(trace: JaegerTrace, suffix: string): { byKey: Map<string, JaegerSpan>; keyOf: (span: JaegerSpan) => string; parentKey: (span: JaegerSpan) => string | undefined } {
  const keyOf = (span: JaegerSpan): string => {
    const serviceName = trace.processes[span.processID]?.serviceName ?? '?';
    const kind = typeof tag(span, 'span.kind') === 'string' ? (tag(span, 'span.kind') as string) : 'internal';
    return `${serviceName.slice(0, serviceName.length - suffix.length - 1)}/${span.operationName}/${kind}`;
  };
  const byKey = new Map<string, JaegerSpan>();
  for (const span of trace.spans) {
    expect(byKey.has(keyOf(span)), `duplicate span ${keyOf(span)}`).toBe(false);
    byKey.set(keyOf(span), span);
  }
  const parentKey = (span: JaegerSpan): string | undefined => {
    const parent = span.references.find((reference) => reference.refType === 'CHILD_OF');
    const parentSpan = parent === undefined ? undefined : trace.spans.find((candidate) => candidate.spanID === parent.spanID);
    return parentSpan === undefined ? undefined : keyOf(parentSpan);
  };
  return { byKey, keyOf, parentKey };
}
