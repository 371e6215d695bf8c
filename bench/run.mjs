// `npm run bench`: throughput, latency, memory, start-up and per-span cost of otel-bootstrap
// against the uninstrumented app and the official OpenTelemetry stack, measured side by side in
// one run. Every variant is a fresh child process; rounds are interleaved and ratios are taken
// against the baseline of the same round. Loopback only; every loop is bounded.
//
// Knobs: BENCH_ROUNDS (3), BENCH_SECONDS (6), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (50),
// BENCH_STARTUP_RUNS (20), BENCH_MICRO_ITERATIONS (1000000), BENCH_VARIANTS (comma-separated ids
// to run a subset of the load variants), BENCH_SKIP (comma-separated: load,startup,micro,decorators),
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
const ROUNDS = knob('BENCH_ROUNDS', 3, 1, 10);
const SECONDS = knob('BENCH_SECONDS', 6, 1, 30);
const WARMUP_SECONDS = knob('BENCH_WARMUP_SECONDS', 2, 0, 10);
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
// The OTLP sink: accepts POST /v1/traces, counts requests and bytes, answers 200 with an empty
// protobuf ExportTraceServiceResponse (zero bytes).
const sinkStats = { requests: 0, bytes: 0 };
const sink = createServer((req, res) => {
  let bytes = 0;
  req.on('data', (chunk) => {
    bytes += chunk.length;
  });
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/v1/traces') {
      sinkStats.requests++;
      sinkStats.bytes += bytes;
      res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': '0' });
    } else {
      res.writeHead(404, { 'content-length': '0' });
    }
    res.end();
  });
});
await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
const SINK_URL = `http://127.0.0.1:${sink.address().port}`;

/** Environment for every child: the parent's without OTEL_* settings, plus the sink. */
function childEnv(extra) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('OTEL_') && key !== 'NODE_OPTIONS') env[key] = value;
  return {
    ...env,
    NODE_ENV: 'production',
    OTEL_SERVICE_NAME: 'bench-hello',
    OTEL_EXPORTER_OTLP_ENDPOINT: SINK_URL,
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
  { id: 'baseline', label: 'uninstrumented', args: [], env: {} },
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
].filter((variant) => ONLY.length === 0 || variant.id === 'baseline' || ONLY.includes(variant.id));

function startApp(variant) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...variant.args, APP], { cwd: root, env: childEnv(variant.env), stdio: ['ignore', 'pipe', 'pipe'] });
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

async function fire(port, seconds) {
  const result = await autocannon({ url: `http://127.0.0.1:${port}/hello`, connections: CONNECTIONS, duration: seconds, pipelining: 1 });
  return result;
}

async function runLoad(variant) {
  const { child, port, stderr } = await startApp(variant);
  try {
    if (WARMUP_SECONDS > 0) await fire(port, WARMUP_SECONDS);
    const afterWarmup = readProcessMemoryMb(child.pid);
    const sinkBefore = { ...sinkStats };
    const result = await fire(port, SECONDS);
    const end = readProcessMemoryMb(child.pid);
    const bad = result.errors + result.non2xx + result.timeouts;
    if (bad > 0) console.error(`  ${variant.id}: ${bad} failed requests`);
    const stats = {
      rps: result.requests.average,
      p99: result.latency.p99,
      rss: afterWarmup.rss,
      peak: Math.max(end.hwm, end.rss),
      sinkRequests: sinkStats.requests - sinkBefore.requests,
      sinkBytes: sinkStats.bytes - sinkBefore.bytes,
    };
    const warnings = stderr().trim();
    if (warnings !== '') console.error(`  ${variant.id} stderr: ${warnings.slice(0, 500)}`);
    return stats;
  } finally {
    await stopApp(child);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers.
function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a');
const signed = (value, digits = 1) => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}` : 'n/a');

const startedAt = Date.now();
const sections = [];
const targets = [];
const check = (name, ok, detail) => targets.push(`| ${name} | ${detail} | ${ok === undefined ? 'n/a' : ok ? 'met' : 'NOT met'} |`);

// ---------------------------------------------------------------------------------------------
// Load phase.
if (!SKIP.has('load')) {
  const perRound = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order every round so no variant always runs first or last.
    const order = LOAD_VARIANTS.map((_, i) => LOAD_VARIANTS[(i + round) % LOAD_VARIANTS.length]);
    const results = {};
    for (const variant of order) {
      console.error(`round ${round + 1}/${ROUNDS}: ${variant.id}`);
      results[variant.id] = await runLoad(variant);
      console.error(`  ${fmt(results[variant.id].rps)} req/s, p99 ${results[variant.id].p99} ms, rss ${fmt(results[variant.id].rss, 1)} MB, peak ${fmt(results[variant.id].peak, 1)} MB`);
    }
    perRound.push(results);
  }
  const rows = [];
  const summary = {};
  for (const variant of LOAD_VARIANTS) {
    const pick = (key) => perRound.map((r) => r[variant.id][key]);
    const rel = (key, fn) => perRound.map((r) => fn(r[variant.id][key], r.baseline[key]));
    const s = {
      rps: median(pick('rps')),
      rpsRatio: median(rel('rps', (a, b) => a / b)),
      p99: median(pick('p99')),
      p99Ratio: median(rel('p99', (a, b) => a / b)),
      rss: median(pick('rss')),
      rssDelta: median(rel('rss', (a, b) => a - b)),
      peak: median(pick('peak')),
      peakDelta: median(rel('peak', (a, b) => a - b)),
      sinkRequests: median(pick('sinkRequests')),
      sinkBytes: median(pick('sinkBytes')),
    };
    summary[variant.id] = s;
    rows.push(
      `| ${variant.label} | ${fmt(s.rps)} | ${ratio(s.rpsRatio)} | ${fmt(s.p99)} | ${ratio(s.p99Ratio)} | ${fmt(s.rss, 1)} (${signed(s.rssDelta)}) | ${fmt(s.peak, 1)} (${signed(s.peakDelta)}) | ${fmt(s.sinkRequests)} / ${fmt(s.sinkBytes / 1024, 0)} KiB |`,
    );
  }
  sections.push(
    [
      `### Load: Express 5 \`GET /hello\`, ${CONNECTIONS} connections, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up, ${ROUNDS} interleaved rounds`,
      '',
      '| variant | req/s | vs uninstrumented | p99 ms | p99 vs uninstr. | RSS after warm-up MB (Δ) | peak RSS MB (Δ) | OTLP exports / bytes |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
    ].join('\n'),
  );
  const b1 = summary['bootstrap-1'];
  const b100 = summary['bootstrap-100'];
  if (b1 !== undefined) {
    check('throughput at 1% ≥ 0.90x', b1.rpsRatio >= 0.9, ratio(b1.rpsRatio));
    check('p99 at 1% ≤ 1.2x', b1.p99Ratio <= 1.2, ratio(b1.p99Ratio));
    check('RSS after warm-up ≤ +15 MB', b1.rssDelta <= 15, `${signed(b1.rssDelta)} MB`);
    check('peak RSS under load ≤ +30 MB (100%)', b100 === undefined ? undefined : b100.peakDelta <= 30, b100 === undefined ? 'n/a' : `${signed(b100.peakDelta)} MB`);
  }
  if (b100 !== undefined) check('throughput at 100% ≥ 0.70x', b100.rpsRatio >= 0.7, ratio(b100.rpsRatio));
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

sink.close();
killAll();

// ---------------------------------------------------------------------------------------------
// Report.
const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
const table = [...sections, ['### Targets', '', '| target | measured | status |', '| --- | --- | --- |', ...targets].join('\n')].join('\n\n');
console.log(table);

if (OUTPUT !== 'none') {
  const doc = `# Benchmarks

Command: \`npm run bench\` (builds, then runs \`node bench/run.mjs\`; ${minutes} min for this run).
Quick run: \`BENCH_ROUNDS=1 BENCH_SECONDS=3 BENCH_STARTUP_RUNS=5 npm run bench\`.

Machine: ${describeMachine()}.

Every variant serves \`bench/apps/hello-app.cjs\` (Express 5, \`GET /hello\` returning small JSON)
from a fresh child process on 127.0.0.1; load comes from autocannon in the runner process; the
OTLP/HTTP endpoint is a sink in the runner that counts requests and bytes and answers 200.
All variants run with \`NODE_ENV=production\`: otel-bootstrap's production profile is
ParentBased(TraceIdRatio 0.01), a batch span processor and OTLP/HTTP protobuf. The official stack
is \`bench/apps/official-register.cjs\`: \`NodeSDK\` with only \`HttpInstrumentation\` and
\`ExpressInstrumentation\`, the OTLP proto exporter and ParentBased ratio sampling. Ratios are the
median over rounds of (variant / uninstrumented in the same round); memory deltas likewise.

Numbers are noisy: this is a shared 2-core machine where the server, the load generator and the
sink compete for the same cores, and other work may run at the same time. Read ratios, not
absolute numbers, and compare runs only on the same machine.

${table}
`;
  // The soak section is written by bench/soak.mjs; keep it when rewriting the rest.
  const previous = existsSync(resolve(root, OUTPUT)) ? readFileSync(resolve(root, OUTPUT), 'utf8') : '';
  const soak = /<!-- soak:start -->[\s\S]*?<!-- soak:end -->/.exec(previous)?.[0];
  writeFileSync(resolve(root, OUTPUT), soak === undefined ? doc : `${doc}\n${soak}\n`);
  console.error(`wrote ${OUTPUT}`);
}
process.exit(0);
