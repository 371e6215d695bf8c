/** Reading traces back from the real Jaeger that `npm run test:e2e` starts, and shared statistics. */
import { spawn } from 'node:child_process';

export const JAEGER_QUERY = 'http://127.0.0.1:16686';

export interface JaegerTag {
  key: string;
  value: unknown;
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  tags: JaegerTag[];
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
}

/** Every trace Jaeger holds for `service` (and `operation`), up to `limit`. Fails loudly when Jaeger is not there. */
export async function tracesOf(service: string, options: { operation?: string; limit?: number } = {}): Promise<JaegerTrace[]> {
  const query = new URLSearchParams({ service, limit: String(options.limit ?? 5000), lookback: '1h' });
  if (options.operation !== undefined) query.set('operation', options.operation);
  const response = await fetch(`${JAEGER_QUERY}/api/traces?${query.toString()}`);
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`Jaeger query answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { data: JaegerTrace[] | null }).data ?? [];
}

/** The value of a span tag. */
export function tagOf(span: JaegerSpan, key: string): unknown {
  return span.tags.find((tag) => tag.key === key)?.value;
}

/**
 * Bounds at five standard deviations of a binomial count: with `trials` independent decisions of
 * probability `probability`, a correct sampler lands outside them about once in 1.7 million runs
 * (two-sided normal tail at 5 sigma), while a wrong rate a few sigma away is caught.
 */
export function binomialBounds(trials: number, probability: number): [number, number] {
  const mean = trials * probability;
  const spread = 5 * Math.sqrt(trials * probability * (1 - probability));
  return [Math.floor(mean - spread), Math.ceil(mean + spread)];
}

/** Waits until `read` gives a value `done` accepts, polling every `everyMillis`; fails after `timeoutMillis`. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMillis = 60_000, everyMillis = 250): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMillis} ms waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMillis));
    last = await read();
  }
  return last;
}

/** Runs `node <script>` with `env` added to a clean environment; resolves with its output once it exits. */
export function runNode(script: string, env: Record<string, string>, timeoutMillis = 120_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('OTEL_') && key !== 'NODE_ENV' && !key.startsWith('VITEST')) base[key] = value;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMillis} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMillis);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
