// Load for the benchmarks: app processes pinned to one CPU, autocannon in its own process pinned to
// another, every child tracked so that it is killed on exit. Loopback only; every load is bounded
// in time and every wait has a timeout.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { ensureBenchDependencies } from './deps.mjs';
import { readProcessMemoryMb } from './machine.mjs';
import { createSink } from './sink.mjs';
import { childEnv, HELLO_APP, ROOT } from './variants.mjs';

const require = createRequire(import.meta.url);
const AUTOCANNON = require.resolve('autocannon/autocannon.js');

/**
 * Where processes run. With two or more CPUs and `taskset`, the app under test gets the last CPU to
 * itself (as a one-CPU container would) and the load generator and sinks the first, so they never
 * take the server's time; otherwise nothing is pinned.
 */
export const PINNING = (() => {
  const count = cpus().length;
  const hasTaskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
  if (count < 2 || !hasTaskset || process.env.BENCH_PIN === 'false') return undefined;
  return { server: String(count - 1), load: '0' };
})();

const children = new Set();
function killAll() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** The command that runs `args` on `cpu` when pinning is on. */
function pinned(cpu, command, args) {
  return cpu === undefined ? [command, args] : ['taskset', ['-c', cpu, command, ...args]];
}

/** Pins this runner (the sinks live in it) to the load generator's CPU. */
export function pinRunner() {
  if (PINNING !== undefined) spawnSync('taskset', ['-pc', PINNING.load, String(process.pid)], { stdio: 'ignore' });
}

/**
 * Starts `variant` of `app` with its own sink; resolves once it prints its port. `node` is the
 * binary to run it on (the runner's by default).
 */
export async function startApp(app, variant, { node = process.execPath } = {}) {
  if (variant.needs !== undefined) ensureBenchDependencies(variant.needs);
  if (app.needs !== undefined) ensureBenchDependencies(app.needs);
  const sink = await createSink();
  const metricsPort = variant.metricsEndpoint === true ? await freePort() : undefined;
  const metricsEnv = metricsPort === undefined ? {} : { OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort) };
  const [command, args] = pinned(PINNING?.server, node, [...variant.args, HELLO_APP]);
  const child = spawn(command, args, { cwd: ROOT, env: childEnv({ ...variant.env, ...app.env, ...metricsEnv }, sink.url), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    if (stderr.length < 10_000) stderr += chunk;
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      children.delete(child);
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`${variant.id} (${app.id}): no port within 30 s\n${stderr}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const port = announcedPort(out);
      if (port === undefined) return;
      clearTimeout(timer);
      resolve(port);
    });
    child.once('exit', (code) => fail(new Error(`${variant.id} (${app.id}): exited early with ${code}\n${stderr}`)));
  });
  child.removeAllListeners('exit');
  const metricsUrl = metricsPort === undefined ? undefined : `http://127.0.0.1:${metricsPort}/metrics`;
  return { app, variant, child, port, sink, metricsUrl, stderr: () => stderr, slices: [], rssSamples: [], answered: 0, scraped: undefined };
}

/**
 * The port in the app's `{"port":N,...}` line, once stdout holds it. Tracers may write their own
 * lines to stdout first (EDOT logs JSON there), so every complete line is looked at.
 */
export function announcedPort(stdout) {
  for (const line of stdout.split('\n').slice(0, -1)) {
    const match = /^\{"port":(\d+)[,}]/.exec(line);
    if (match !== null) return Number(match[1]);
  }
  return undefined;
}

/** Stops an app started by {@link startApp} and its sink. */
export async function stopApp(running) {
  const { child } = running;
  await new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 6_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
  children.delete(child);
  await running.sink.close();
}

/**
 * `seconds` of load with `connections` connections from autocannon in a process of its own (the
 * runner keeps serving the sinks meanwhile); throughput is requests over the elapsed time.
 */
export function fire(port, seconds, connections) {
  const [command, args] = pinned(PINNING?.load, process.execPath, [AUTOCANNON, '--json', '--connections', String(connections), '--duration', String(seconds), `http://127.0.0.1:${port}/hello`]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => {
      if (err.length < 10_000) err += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      children.delete(child);
      if (code !== 0) {
        reject(new Error(`autocannon failed (exit ${code}): ${err}`));
        return;
      }
      const result = JSON.parse(out);
      const bad = result.errors + result.non2xx + result.timeouts;
      resolve({ rps: result.requests.total / Math.max(result.duration, 0.001), p99: result.latency.p99, bad, answered: result.requests.total });
    });
  });
}

/**
 * One measured slice of `running` after an unmeasured pre-load, with the resident memory after it.
 * A variant with a metrics endpoint is scraped once inside the slice, so the scrape is in the cost.
 */
export async function measureSlice(running, { seconds, preloadSeconds, connections }) {
  if (preloadSeconds > 0) running.answered += (await fire(running.port, preloadSeconds, connections)).answered;
  const scrape = running.metricsUrl === undefined ? undefined : delay(Math.min(500, seconds * 250)).then(() => scrapeRequestCount(running.metricsUrl)).catch(() => undefined);
  const slice = await fire(running.port, seconds, connections);
  running.scraped = (await scrape) ?? running.scraped;
  running.answered += slice.answered;
  if (slice.bad > 0) console.error(`  ${running.variant.id} (${running.app.id}): ${slice.bad} failed requests`);
  running.slices.push(slice);
  running.rssSamples.push(readProcessMemoryMb(running.child.pid).rss);
  return slice;
}

/** Requests a metrics endpoint has counted: the sum of every `http_server_request_duration_seconds_count`. */
export async function scrapeRequestCount(url) {
  const text = await fetch(url, { signal: AbortSignal.timeout(5000) }).then((response) => response.text());
  let total = 0;
  for (const line of text.split('\n')) if (line.startsWith('http_server_request_duration_seconds_count')) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  return total;
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A loopback port nothing listens on, for a variant's metrics endpoint. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Peak resident memory of a running app so far. */
export function peakMemoryMb(running) {
  const memory = readProcessMemoryMb(running.child.pid);
  return Math.max(memory.hwm, memory.rss);
}
