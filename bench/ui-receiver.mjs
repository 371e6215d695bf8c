// Benchmark scenario: does `otel-bootstrap ui` keep up with one service exporting at 100% sampling,
// and does its memory stay within its caps?
//
//   node bench/ui-receiver.mjs            (after `npm run build`; BENCH_UI_SECONDS=10 by default)
//
// Starts `ui` on free loopback ports with small caps, the benchmark's Express app under the
// register entry with every request sampled and exported over OTLP/HTTP protobuf to the ui's
// receiver, drives it with autocannon for a bounded time, stops the app (which flushes), then
// compares the spans the app exported with the spans the receiver took in, and reads the
// receiver's resident memory every 250 ms.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describeMachine, readProcessMemoryMb } from './machine.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const ROOT = join(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 10);
const CONNECTIONS = 50;
const MAX_TRACES = 2000;
const MAX_SPANS = 20000;

function start(args, env, ready) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (err += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start: ${out} ${err}`)), 15_000);
    const check = () => {
      const value = ready(out);
      if (value !== undefined) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve(value);
      }
    };
    child.stdout.on('data', check);
    void exited.then(() => reject(new Error(`${args.join(' ')} exited early: ${out} ${err}`)));
  });
  return { child, exited, started, stderr: () => err };
}

const stats = async (pageUrl) => (await (await fetch(`${pageUrl}api/traces?minDuration=1e12`)).json()).stats;

const ui = start([join(ROOT, 'dist', 'cli.cjs'), 'ui', '--port', '0', '--ui-port', '0', '--max-traces', String(MAX_TRACES), '--max-spans', String(MAX_SPANS)], {}, (out) => {
  const otlp = /OTLP\/HTTP receiver: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  const page = /web page:\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
  return otlp && page ? { otlp, page } : undefined;
});
const { otlp, page } = await ui.started;
const app = start(['--require', join(ROOT, 'dist', 'register.cjs'), join(ROOT, 'bench', 'apps', 'hello-app.cjs')], {
  NODE_ENV: 'production',
  OTEL_SERVICE_NAME: 'bench-ui',
  OTEL_TRACES_SAMPLER: 'always_on',
  OTEL_EXPORTER_OTLP_ENDPOINT: otlp,
}, (out) => /"port":(\d+)/.exec(out)?.[1]);
const port = await app.started;

let peakRss = 0;
let lastRss = 0;
const sampler = setInterval(() => {
  const { rss } = readProcessMemoryMb(ui.child.pid);
  if (Number.isFinite(rss)) {
    lastRss = rss;
    peakRss = Math.max(peakRss, rss);
  }
}, 250);
let peakHeld = 0;
const heldSampler = setInterval(async () => {
  try {
    peakHeld = Math.max(peakHeld, (await stats(page)).spans);
  } catch {
    // the ui is stopping
  }
}, 500);

const before = await stats(page);
const load = await autocannon({ url: `http://127.0.0.1:${port}/hello`, connections: CONNECTIONS, duration: SECONDS, pipelining: 1 });
const requests = load.requests.total;
app.child.kill('SIGTERM');
await Promise.race([app.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
// The app's last batch left at SIGTERM; give the receiver a moment to take it in.
let after = await stats(page);
for (let wait = 0; wait < 20 && after.receivedSpans - before.receivedSpans < requests; wait++) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  after = await stats(page);
}
clearInterval(sampler);
clearInterval(heldSampler);
ui.child.kill('SIGTERM');
await Promise.race([ui.exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);

const received = after.receivedSpans - before.receivedSpans;
const lossWarnings = app.stderr().split('\n').filter((line) => /dropped|lost|failed/i.test(line));
console.log(`Machine: ${describeMachine()}`);
console.log(`Load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s against bench/apps/hello-app.cjs, 100% sampled, OTLP/HTTP protobuf to the ui receiver; ui caps ${MAX_TRACES} traces / ${MAX_SPANS} spans.`);
console.log('');
console.log('| requests served | spans received | spans/s received | requests rejected | app loss warnings | spans held at end (peak) | traces held | dropped traces (oldest) | ui RSS at end / peak MB |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
console.log(`| ${requests} | ${received} | ${Math.round(received / SECONDS)} | ${after.rejectedRequests} | ${lossWarnings.length} | ${after.spans} (${peakHeld}) | ${after.traces} | ${after.droppedTraces} | ${lastRss.toFixed(1)} / ${peakRss.toFixed(1)} |`);
// Requests still in flight when autocannon stops are served and traced but not counted by it.
const keptUp = received >= requests && received <= requests + CONNECTIONS && after.rejectedRequests === 0 && lossWarnings.length === 0;
const withinCaps = after.spans <= MAX_SPANS && peakHeld <= MAX_SPANS && after.traces <= MAX_TRACES;
console.log('');
console.log(`kept up: ${keptUp ? 'yes' : 'NO'} (a span for every request served arrived, none rejected, no loss warning in the app); within caps: ${withinCaps ? 'yes' : 'NO'}`);
if (lossWarnings.length > 0) console.log(lossWarnings.slice(0, 3).join('\n'));
process.exitCode = keptUp && withinCaps ? 0 : 1;
