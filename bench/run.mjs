// `npm run bench`: throughput, latency, memory, start-up and per-span cost of otel-bootstrap
// against the uninstrumented app and the official OpenTelemetry stack, measured side by side in
// one run. Every variant is a fresh child process measured against an uninstrumented twin process
// in adjacent slices of the same round. Loopback only; every loop is bounded.
//
// Knobs: BENCH_ROUNDS (10), BENCH_SECONDS (2, one load slice), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (50),
// BENCH_STARTUP_RUNS (20), BENCH_MICRO_ITERATIONS (1000000), BENCH_VARIANTS (comma-separated ids
// to run a subset of the load variants), BENCH_SKIP (comma-separated: load,startup,micro,sampling,decorators),
// BENCH_OUTPUT (file for the report, default BENCHMARKS.md; `none` writes nothing).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, readProcessMemoryMb } from './machine.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const REGISTER = join(root, 'dist', 'register.cjs');
const APP = join(here, 'apps', 'hello-app.cjs');
const OFFICIAL_REGISTER = join(here, 'apps', 'official-register.cjs');
const MICRO = join(here, 'micro.mjs');

function knob(name, fallback, min, max) {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}
const ROUNDS = knob('BENCH_ROUNDS', 10, 1, 20);
const SECONDS = knob('BENCH_SECONDS', 2, 1, 30);
const WARMUP_SECONDS = knob('BENCH_WARMUP_SECONDS', 3, 0, 10);
const PRELOAD_SECONDS = knob('BENCH_PRELOAD_SECONDS', 1, 0, 10);
const CONNECTIONS = knob('BENCH_CONNECTIONS', 50, 1, 500);
const STARTUP_RUNS = knob('BENCH_STARTUP_RUNS', 20, 1, 100);
const MICRO_ITERATIONS = knob('BENCH_MICRO_ITERATIONS', 1_000_000, 10_000, 10_000_000);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const ONLY = (process.env.BENCH_VARIANTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const OUTPUT = process.env.BENCH_OUTPUT ?? 'BENCHMARKS.md';

if (!existsSync(REGISTER)) {
  console.error(`missing ${REGISTER}: run \`npm run bench\` (it builds first)`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Children: tracked so that every one is killed, also on errors and interrupts.
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

// ---------------------------------------------------------------------------------------------
// OTLP sinks, one per variant so exports are counted per variant even though all variants stay
// up together: each accepts POST /v1/traces, counts requests and bytes, and answers 200 with an
// empty protobuf ExportTraceServiceResponse (zero bytes).
const sinks = [];
async function createSink() {
  const stats = { requests: 0, bytes: 0 };
  const server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk) => {
      bytes += chunk.length;
    });
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        stats.requests++;
        stats.bytes += bytes;
        res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': '0' });
      } else {
        res.writeHead(404, { 'content-length': '0' });
      }
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  sinks.push(server);
  return { url: `http://127.0.0.1:${server.address().port}`, stats };
}

/**
 * Environment for every child: the parent's without OTEL_* settings, plus its sink. Children that
 * export nothing (start-up, micro) get the discard port on loopback.
 */
function childEnv(extra, sinkUrl = 'http://127.0.0.1:9') {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('OTEL_') && key !== 'NODE_OPTIONS') env[key] = value;
  return {
    ...env,
    NODE_ENV: 'production',
    OTEL_SERVICE_NAME: 'bench-hello',
    OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
    // No cloud metadata look-ups from the official register: loopback only.
    OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process',
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// Load variants.
const LOAD_VARIANTS = [
  // An uninstrumented process measured like every variant: its ratio shows how far the method
  // itself is off in this run.
  { id: 'control', label: 'uninstrumented (noise floor)', args: [], env: {} },
  { id: 'bootstrap-1', label: 'otel-bootstrap, 1%', args: ['--require', REGISTER], env: {} },
  { id: 'bootstrap-100', label: 'otel-bootstrap, 100%', args: ['--require', REGISTER], env: { OTEL_TRACES_SAMPLER: 'parentbased_always_on' } },
  {
    id: 'bootstrap-official-1',
    label: 'otel-bootstrap (official http instr.), 1%',
    args: ['--require', REGISTER],
    env: { OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: 'official' },
  },
  { id: 'official-1', label: 'official NodeSDK http+express, 1%', args: ['--require', OFFICIAL_REGISTER], env: { OTEL_TRACES_SAMPLER_ARG: '0.01' } },
  { id: 'official-100', label: 'official NodeSDK http+express, 100%', args: ['--require', OFFICIAL_REGISTER], env: { OTEL_TRACES_SAMPLER_ARG: '1' } },
].filter((variant) => ONLY.length === 0 || variant.id === 'control' || ONLY.includes(variant.id));
/** The uninstrumented app: every load variant is measured against a twin process of it. */
const BASELINE = { id: 'baseline', label: 'uninstrumented', args: [], env: {} };

function startApp(variant, sinkUrl) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...variant.args, APP], { cwd: root, env: childEnv(variant.env, sinkUrl), stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`${variant.id}: no port within 20 s\n${err}`)), 20_000);
    function fail(error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      children.delete(child);
      reject(error);
    }
    child.stderr.on('data', (chunk) => {
      if (err.length < 10_000) err += chunk;
    });
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        clearTimeout(timer);
        try {
          resolve({ child, port: JSON.parse(line).port, stderr: () => err });
        } catch (error) {
          fail(error);
        }
      }
    });
    child.once('exit', (code) => fail(new Error(`${variant.id}: exited early with ${code}\n${err}`)));
  });
}

function stopApp(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      children.delete(child);
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 6_000);
    child.removeAllListeners('exit');
    child.once('exit', () => {
      clearTimeout(timer);
      children.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Load for `seconds`; throughput is counted over the whole slice (requests / elapsed). */
async function fire(port, seconds) {
  const result = await autocannon({ url: `http://127.0.0.1:${port}/hello`, connections: CONNECTIONS, duration: seconds, pipelining: 1 });
  const bad = result.errors + result.non2xx + result.timeouts;
  return { rps: result.requests.total / Math.max(result.duration, 0.001), p99: result.latency.p99, bad };
}

/** Starts a variant's app with its own sink and warms it up. */
async function startLoadVariant(variant) {
  const sink = await createSink();
  const app = await startApp(variant, sink.url);
  if (WARMUP_SECONDS > 0) await fire(app.port, WARMUP_SECONDS);
  return { variant, sink, ...app, rssSamples: [], slices: [] };
}

/**
 * One measured slice of `running`, recorded on it, with the resident memory right after it. The
 * heap grows and shrinks by tens of MB between collections, so one reading says little; the
 * report uses the median of these readings, all taken after the warm-up.
 */
async function measureSlice(running) {
  if (PRELOAD_SECONDS > 0) await fire(running.port, PRELOAD_SECONDS);
  const slice = await fire(running.port, SECONDS);
  if (slice.bad > 0) console.error(`  ${running.variant.id}: ${slice.bad} failed requests`);
  running.slices.push(slice);
  running.rssSamples.push(readProcessMemoryMb(running.child.pid).rss);
  return slice;
}

// ---------------------------------------------------------------------------------------------
// Helpers.
function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
/** The median of one measure (`rps` or `p99`) over every slice of the given processes. */
const sliceMedian = (processes, measure) => median(processes.flatMap((running) => running.slices.map((slice) => slice[measure])));
const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a');
/** The spread of per-round ratios, so a reader sees how far one round can move. */
const spread = (values) => (values.length === 0 ? '' : ` (rounds ${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`);
const signed = (value, digits = 1) => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}` : 'n/a');

/** The sentence under the load table on how far two identical processes came apart in this run. */
function noiseFloor(control) {
  if (control === undefined) return [];
  return [
    '',
    `Noise floor of this run: an uninstrumented process came out ${ratio(control.rpsRatio)}${spread(control.rpsRounds)} against its twin, measured exactly like the variants.`,
  ];
}

const startedAt = Date.now();
const sections = [];
const targets = [];
const check = (name, ok, detail) => targets.push(`| ${name} | ${detail} | ${ok === undefined ? 'n/a' : ok ? 'met' : 'NOT met'} |`);

// ---------------------------------------------------------------------------------------------
// Load phase. Every variant runs beside its own twin: a process of the uninstrumented app that
// gets exactly the same load and the same idle time. All processes start, warm up and stay up. In
// each round every pair gets two adjacent slices, one for each process, the twin first in even
// rounds and second in odd ones; the round's ratio is variant / twin. Adjacent slices cancel the
// slow moments of this shared machine, which last seconds, and twins cancel what idling between
// slices does to a process (a shared baseline loaded between every variant was measurably hotter
// than the variants it was compared with).
if (!SKIP.has('load')) {
  const pairs = [];
  for (const variant of LOAD_VARIANTS) {
    console.error(`start + warm-up: ${variant.id} and its uninstrumented twin`);
    pairs.push({ variant, twin: await startLoadVariant(BASELINE), subject: await startLoadVariant(variant), rps: [], p99: [] });
  }
  const everyProcess = pairs.flatMap((pair) => [pair.twin, pair.subject]);
  const sinkBefore = new Map(everyProcess.map((entry) => [entry, { ...entry.sink.stats }]));
  for (let round = 0; round < ROUNDS; round++) {
    console.error(`round ${round + 1}/${ROUNDS}`);
    // Rotate the order every round so no pair always runs first or last.
    const order = pairs.map((_, i) => pairs[(i + round) % pairs.length]);
    const twinFirst = round % 2 === 0;
    for (const pair of order) {
      const first = await measureSlice(twinFirst ? pair.twin : pair.subject);
      const second = await measureSlice(twinFirst ? pair.subject : pair.twin);
      const [twin, subject] = twinFirst ? [first, second] : [second, first];
      pair.rps.push(subject.rps / twin.rps);
      pair.p99.push(subject.p99 / twin.p99);
      console.error(`  ${pair.variant.id}: ${fmt(subject.rps)} req/s (${ratio(pair.rps.at(-1))}), p99 ${subject.p99} ms`);
    }
  }
  const peakOf = (entry) => {
    const memory = readProcessMemoryMb(entry.child.pid);
    return Math.max(memory.hwm, memory.rss);
  };
  const peaks = new Map(everyProcess.map((entry) => [entry, peakOf(entry)]));
  const rssOf = (entry) => median(entry.rssSamples);
  const twins = pairs.map((pair) => pair.twin);
  const summary = {};
  const rows = [
    `| ${BASELINE.label} (the twins, all slices) | ${fmt(sliceMedian(twins, 'rps'))} | 1.00x | ${fmt(sliceMedian(twins, 'p99'))} | 1.00x | ${fmt(median(twins.map(rssOf)), 1)} | ${fmt(median(twins.map((twin) => peaks.get(twin))), 1)} | – |`,
  ];
  for (const pair of pairs) {
    const { variant, twin, subject } = pair;
    const s = {
      rps: sliceMedian([subject], 'rps'),
      rpsRatio: median(pair.rps),
      p99: sliceMedian([subject], 'p99'),
      p99Ratio: median(pair.p99),
      rss: rssOf(subject),
      rssDelta: rssOf(subject) - rssOf(twin),
      peak: peaks.get(subject),
      peakDelta: peaks.get(subject) - peaks.get(twin),
      sinkRequests: subject.sink.stats.requests - sinkBefore.get(subject).requests,
      sinkBytes: subject.sink.stats.bytes - sinkBefore.get(subject).bytes,
      rpsRounds: pair.rps,
    };
    summary[variant.id] = s;
    rows.push(
      `| ${variant.label} | ${fmt(s.rps)} | ${ratio(s.rpsRatio)} | ${fmt(s.p99)} | ${ratio(s.p99Ratio)} | ${fmt(s.rss, 1)} (${signed(s.rssDelta)}) | ${fmt(s.peak, 1)} (${signed(s.peakDelta)}) | ${fmt(s.sinkRequests)} / ${fmt(s.sinkBytes / 1024, 0)} KiB |`,
    );
    const warnings = subject.stderr().trim();
    if (warnings !== '') console.error(`  ${variant.id} stderr: ${warnings.slice(0, 500)}`);
  }
  for (const entry of everyProcess) await stopApp(entry.child);
  sections.push(
    [
      `### Load: Express 5 \`GET /hello\`, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s slices after a ${WARMUP_SECONDS} s warm-up, each variant against its own uninstrumented twin`,
      '',
      '| variant | req/s | vs twin | p99 ms | p99 vs twin | RSS after warm-up MB (Δ vs twin) | peak RSS MB (Δ vs twin) | OTLP exports / bytes |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      ...noiseFloor(summary.control),
    ].join('\n'),
  );
  const b1 = summary['bootstrap-1'];
  const b100 = summary['bootstrap-100'];
  if (b1 !== undefined) {
    check('throughput at 1% ≥ 0.90x', b1.rpsRatio >= 0.9, `${ratio(b1.rpsRatio)}${spread(b1.rpsRounds)}`);
    check('p99 at 1% ≤ 1.2x', b1.p99Ratio <= 1.2, ratio(b1.p99Ratio));
    check('RSS after warm-up ≤ +15 MB', b1.rssDelta <= 15, `${signed(b1.rssDelta)} MB`);
    check('peak RSS under load ≤ +30 MB (100%)', b100 === undefined ? undefined : b100.peakDelta <= 30, b100 === undefined ? 'n/a' : `${signed(b100.peakDelta)} MB`);
  }
  if (b100 !== undefined) check('throughput at 100% ≥ 0.70x', b100.rpsRatio >= 0.7, `${ratio(b100.rpsRatio)}${spread(b100.rpsRounds)}`);
}

// ---------------------------------------------------------------------------------------------
// Start-up phase.
if (!SKIP.has('startup')) {
  const STARTUP_VARIANTS = [
    { id: 'bare', label: '`node -e 0`', args: ['-e', '0'] },
    { id: 'bootstrap', label: '`node --require dist/register.cjs -e 0`', args: ['--require', REGISTER, '-e', '0'] },
    { id: 'official-http-express', label: '`node --require bench/apps/official-register.cjs -e 0` (http+express)', args: ['--require', OFFICIAL_REGISTER, '-e', '0'] },
    {
      id: 'official-auto',
      label: '`node --require @opentelemetry/auto-instrumentations-node/register -e 0`',
      args: ['--require', '@opentelemetry/auto-instrumentations-node/register', '-e', '0'],
    },
  ];
  const times = Object.fromEntries(STARTUP_VARIANTS.map((v) => [v.id, []]));
  const ratios = Object.fromEntries(STARTUP_VARIANTS.map((v) => [v.id, []]));
  console.error(`start-up: ${STARTUP_RUNS} interleaved runs`);
  for (let run = 0; run < STARTUP_RUNS; run++) {
    const round = {};
    for (const variant of STARTUP_VARIANTS) {
      const started = process.hrtime.bigint();
      const outcome = spawnSync(process.execPath, variant.args, { cwd: root, env: childEnv({}), stdio: 'ignore', timeout: 30_000 });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      round[variant.id] = outcome.status === 0 ? ms : NaN;
      times[variant.id].push(round[variant.id]);
    }
    for (const variant of STARTUP_VARIANTS) ratios[variant.id].push(round[variant.id] / round.bare);
  }
  const rows = STARTUP_VARIANTS.map((v) => `| ${v.label} | ${fmt(median(times[v.id]), 1)} | ${ratio(median(ratios[v.id]))} |`);
  sections.push([`### Start-up: ${STARTUP_RUNS} interleaved runs, wall time to exit`, '', '| command | median ms | vs bare |', '| --- | ---: | ---: |', ...rows].join('\n'));
  const startRatio = median(ratios.bootstrap);
  check('start-up ≤ 1.6x bare node', startRatio <= 1.6, ratio(startRatio));
}

// ---------------------------------------------------------------------------------------------
// Micro phase: one non-sampled root span.
if (!SKIP.has('micro')) {
  const MICRO_VARIANTS = [
    { id: 'noop', label: 'no-op API tracer (no provider)' },
    { id: 'bootstrap', label: "otel-bootstrap's provider" },
    { id: 'official', label: 'official BasicTracerProvider' },
  ];
  const roots = [
    { id: 'always_off', label: 'ParentBased(always_off)' },
    { id: 'ratio', label: 'ParentBased(ratio 0.01), 1% recorded' },
  ];
  const samples = {};
  console.error('micro: 3 interleaved rounds');
  for (let round = 0; round < 3; round++) {
    for (const r of roots) {
      for (const v of MICRO_VARIANTS) {
        const outcome = spawnSync(process.execPath, [MICRO, v.id, r.id, String(MICRO_ITERATIONS)], { cwd: root, env: childEnv({}), encoding: 'utf8', timeout: 120_000 });
        let ns = NaN;
        try {
          ns = JSON.parse(outcome.stdout.trim().split('\n').pop()).nsPerSpan;
        } catch {
          console.error(`  micro ${v.id}/${r.id} failed: ${outcome.stderr}`);
        }
        (samples[`${v.id}/${r.id}`] ??= []).push(ns);
      }
    }
  }
  const rows = MICRO_VARIANTS.map((v) => `| ${v.label} | ${roots.map((r) => fmt(median(samples[`${v.id}/${r.id}`]), 0)).join(' | ')} |`);
  sections.push(
    [`### Micro: \`startSpan\` + \`end\` of a root span, ns per span (median of 3 processes × 5 loops of ${MICRO_ITERATIONS})`, '', `| tracer | ${roots.map((r) => r.label).join(' | ')} |`, '| --- | ---: | ---: |', ...rows].join('\n'),
  );
  const nonSampled = median(samples['bootstrap/always_off']);
  check('non-sampled span ≤ 250 ns', nonSampled <= 250, `${fmt(nonSampled)} ns`);
}

// ---------------------------------------------------------------------------------------------
// Sampling: five sampling rules against the ratio sampler, from bench/sampling.mjs.
if (!SKIP.has('sampling')) {
  console.error('sampling: node bench/sampling.mjs');
  const outcome = spawnSync(process.execPath, [join(root, 'bench', 'sampling.mjs'), String(MICRO_ITERATIONS), '3'], { cwd: root, env: childEnv({}), encoding: 'utf8', timeout: 600_000 });
  const report = outcome.status === 0 ? outcome.stdout.trim() : `failed (exit ${outcome.status}): ${outcome.stderr.trim()}`;
  sections.push(['### Sampling rules: a server span under five rules that do not match it (`node bench/sampling.mjs`)', '', report].join('\n'));
  const row = report.split('\n').find((line) => line.startsWith('| server span, five rules (no match), then always_off '));
  const ns = row === undefined ? undefined : Number(row.split('|')[2]);
  check('span not sampled under five rules ≤ 250 ns', ns === undefined ? undefined : ns <= 250, ns === undefined ? 'n/a' : `${fmt(ns)} ns`);
}

// ---------------------------------------------------------------------------------------------
// Decorators: ns per call of a decorated method, from bench/decorators.mjs in its own process.
if (!SKIP.has('decorators')) {
  console.error('decorators: node bench/decorators.mjs');
  const outcome = spawnSync(process.execPath, [join(root, 'bench', 'decorators.mjs')], { encoding: 'utf8', timeout: 120_000 });
  const report = outcome.status === 0 ? outcome.stdout.trim() : `failed (exit ${outcome.status}): ${outcome.stderr.trim()}`;
  sections.push(['### Decorators: `@traceMethod()` on a trivial synchronous method (`node bench/decorators.mjs`)', '', '```', report, '```'].join('\n'));
  const added = (scenario) => {
    const row = report.split('\n').find((line) => line.startsWith(`| ${scenario} `));
    return row === undefined ? undefined : Number(row.split('|')[4]);
  };
  for (const [scenario, label] of [
    ['decorated, not sampled, inside an unsampled request', 'decorated call not sampled (inside an unsampled request) ≤ 300 ns over the plain call'],
    ['decorated, not sampled, new root (always_off)', 'decorated call not sampled (a new unsampled root) ≤ 300 ns over the plain call'],
  ]) {
    const ns = added(scenario);
    check(label, ns === undefined ? undefined : ns <= 300, ns === undefined ? 'n/a' : `${fmt(ns)} ns`);
  }
}

for (const server of sinks) server.close();
killAll();

// ---------------------------------------------------------------------------------------------
// Report.
const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
const table = [...sections, ['### Targets', '', '| target | measured | status |', '| --- | --- | --- |', ...targets].join('\n')].join('\n\n');
console.log(table);

if (OUTPUT !== 'none') {
  const doc = `# Benchmarks

Command: \`npm run bench\` (builds, then runs \`node bench/run.mjs\`; ${minutes} min for this run).
Quick run: \`BENCH_ROUNDS=2 BENCH_STARTUP_RUNS=5 npm run bench\`.

Machine: ${describeMachine()}.

Every variant serves \`bench/apps/hello-app.cjs\` (Express 5, \`GET /hello\` returning small JSON)
from its own child process on 127.0.0.1, beside a twin: a process of the same app without
instrumentation. All processes start, warm up and then stay up together. Load comes from
autocannon in the runner process; each process exports over OTLP/HTTP to its own sink in the
runner, which counts requests and bytes and answers 200.
All variants run with \`NODE_ENV=production\`: otel-bootstrap's production profile is
ParentBased(TraceIdRatio 0.01), a batch span processor and OTLP/HTTP protobuf. The official stack
is \`bench/apps/official-register.cjs\`: \`NodeSDK\` with only \`HttpInstrumentation\` and
\`ExpressInstrumentation\`, the OTLP proto exporter and ParentBased ratio sampling. Each round
gives every variant and its twin two adjacent load slices, the twin first in even rounds and
second in odd ones, each slice after an unmeasured pre-load; a ratio is the median over rounds of
(variant slice / twin slice). Adjacent slices cancel drift of the machine over seconds, and the
twin gets exactly the load and the idle time its variant gets (an earlier version compared every
variant with one shared uninstrumented process loaded between all of them, which ran hotter than
the processes it was compared with). Memory deltas compare each variant with its twin: resident
memory after the warm-up as the median of the readings taken after each of the process's slices
(the heap grows and shrinks by tens of MB between collections, so a single reading mostly shows
where the process was in that cycle), and the peak at the end of all rounds.

Numbers are noisy: this is a shared 2-core machine where the server, the load generator and the
sink compete for the same cores, and other work may run at the same time. One round's ratio can
move by ±15% (the targets table shows the range over rounds). Every run therefore also measures
an uninstrumented process against its twin exactly like the variants; the line under the load
table gives that ratio, which is how far the method itself is off in that run.
Read ratios, not absolute numbers, and compare runs only on the same machine.

${table}
`;
  // Marked sections are written by their own scripts (bench/soak.mjs, bench/install-size.mjs); keep them when rewriting the rest.
  const previous = existsSync(resolve(root, OUTPUT)) ? readFileSync(resolve(root, OUTPUT), 'utf8') : '';
  const kept = previous.match(/<!-- ([\w-]+):start -->[\s\S]*?<!-- \1:end -->/g) ?? [];
  writeFileSync(resolve(root, OUTPUT), kept.length === 0 ? doc : `${doc}\n${kept.join('\n\n')}\n`);
  console.error(`wrote ${OUTPUT}`);
}
process.exit(0);
