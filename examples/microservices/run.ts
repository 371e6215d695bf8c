// `npm run demo:microservices`: starts four services, each in its own process under
// `node --require otel-bootstrap/register` with its own OTEL_SERVICE_NAME:
//
//   client -> gateway --fetch--> users (traced UserService methods)
//                     --http.request--> orders --binary-header queue--> worker
//
// sends one request, waits until the trace is complete, stops everything and exits 0 (non-zero
// on any failure). By default the services print console trace trees (NODE_ENV=development).
// Every OTEL_* variable of this process is passed through, so the same script exports to Jaeger:
//
//   OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 node examples/dist/microservices/run.js
//
// DEMO_SERVICE_SUFFIX is appended to each service name (gateway-<suffix>); DEMO_TIMEOUT_MS bounds
// every wait (default 20000). The trace id is printed as a `TRACE_ID=<id>` line.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const registerEntry = require.resolve('otel-bootstrap/register');
const suffix = process.env.DEMO_SERVICE_SUFFIX ? `-${process.env.DEMO_SERVICE_SUFFIX}` : '';
const timeoutMillis = Number(process.env.DEMO_TIMEOUT_MS ?? 20_000);
const nodeEnv = process.env.NODE_ENV ?? 'development';
const exporters = (process.env.OTEL_TRACES_EXPORTER ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const printsTrees = exporters.includes('console') || (exporters.length === 0 && nodeEnv === 'development');

interface ServiceState {
  name: string;
  child: ChildProcess;
  lines: string[];
  listeners: Set<(line: string | undefined) => void>;
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

const children = new Map<string, ServiceState>();

function log(text: string): void {
  process.stdout.write(`[run] ${text}\n`);
}

async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${timeoutMillis} ms`)), timeoutMillis);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves with the first line (seen so far or later) matching `pattern`; rejects if the service exits first. */
function waitForLine(state: ServiceState, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return withTimeout(
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = (line: string | undefined): void => {
        if (line === undefined) {
          state.listeners.delete(check);
          reject(new Error(`${state.name} exited (${JSON.stringify(state.exited)}) while waiting for ${what}`));
          return;
        }
        const match = pattern.exec(line);
        if (match) {
          state.listeners.delete(check);
          resolve(match);
        }
      };
      state.listeners.add(check);
      for (const line of state.lines) {
        if (!state.listeners.has(check)) return;
        check(line);
      }
      if (state.exited !== undefined && state.listeners.has(check)) check(undefined);
    }),
    what,
  );
}

/** Starts one service and resolves with its address once it prints `listening on <address>`. */
async function startService(name: string, env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, ['--require', registerEntry, join(__dirname, `${name}.js`)], {
    cwd: __dirname,
    // Four services on one host would share the default Prometheus port: metrics stay off unless asked for.
    env: { OTEL_METRICS_EXPORTER: 'none', ...process.env, NODE_ENV: nodeEnv, OTEL_SERVICE_NAME: `${name}${suffix}`, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const state: ServiceState = { name, child, lines: [], listeners: new Set(), exited: undefined };
  children.set(name, state);
  const label = `[${name}]`.padEnd(10);
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        out.write(`${label}${line}\n`);
        state.lines.push(line);
        for (const listener of state.listeners) listener(line);
      }
    });
  }
  child.once('exit', (code, signal) => {
    state.exited = { code, signal };
    for (const listener of state.listeners) listener(undefined);
  });
  const match = await waitForLine(state, /listening on (\S+)/, `${name} start-up`);
  return match[1] as string;
}

async function stopAll(): Promise<ServiceState[]> {
  const stopping = [...children.values()].map(
    (state) =>
      new Promise<ServiceState>((resolve) => {
        if (state.exited !== undefined) return resolve(state);
        state.child.once('exit', () => resolve(state));
        state.child.kill('SIGTERM');
      }),
  );
  try {
    return await withTimeout(Promise.all(stopping), 'stopping the services');
  } catch (error) {
    for (const state of children.values()) if (state.exited === undefined) state.child.kill('SIGKILL');
    throw error;
  }
}

async function main(): Promise<void> {
  log(`exporter: ${exporters.join(',') || `profile default (NODE_ENV=${nodeEnv})`}; services named *${suffix}`);
  const queueAddress = await startService('worker');
  const usersUrl = await startService('users');
  const ordersUrl = await startService('orders', { QUEUE_PORT: new URL(queueAddress).port });
  const gatewayUrl = await startService('gateway', { USERS_URL: usersUrl, ORDERS_URL: ordersUrl });

  const response = await withTimeout(fetch(`${gatewayUrl}/checkout/1?item=book`), 'GET /checkout/1');
  const body = (await response.json()) as { order: { id: string } };
  const traceId = response.headers.get('x-trace-id');
  log(`GET /checkout/1 -> ${response.status} ${JSON.stringify(body)}`);
  if (response.status !== 200) throw new Error(`gateway answered ${response.status}`);
  if (!traceId || !/^[0-9a-f]{32}$/.test(traceId)) throw new Error(`gateway sent no trace id (x-trace-id: ${traceId})`);
  process.stdout.write(`TRACE_ID=${traceId}\n`);

  const worker = children.get('worker') as ServiceState;
  const [, processedTrace] = await waitForLine(worker, new RegExp(`processed order ${body.order.id} trace (\\S+)`), 'the worker to process the order');
  if (processedTrace !== traceId) throw new Error(`the worker processed the order in trace ${processedTrace}, not ${traceId}`);

  if (printsTrees) {
    for (const state of children.values()) {
      await waitForLine(state, new RegExp(`^trace ${traceId} \\(`), `${state.name} to print its trace tree`);
    }
    log(`all four services printed their part of trace ${traceId}`);
  }

  // SIGTERM flushes each service's exporter within its shutdown deadline before it exits.
  const stopped = await stopAll();
  const failed = stopped.filter(({ exited }) => !(exited?.signal === 'SIGTERM' || exited?.code === 0));
  if (failed.length > 0) throw new Error(`services ended badly: ${failed.map(({ name, exited }) => `${name} ${JSON.stringify(exited)}`).join(', ')}`);
  log('all services stopped');
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    process.stderr.write(`[run] FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    try {
      await stopAll();
    } catch {
      // already reported; children were killed
    }
    process.exit(1);
  },
);
