// `npm run bench`: throughput, latency, memory, start-up and per-span cost of otel-bootstrap against
// the uninstrumented app, the official OpenTelemetry SDK, dd-trace and Elastic's EDOT, measured
// side by side in one run on the Node.js binary npm scripts run on (the pinned Node.js 24), with
// instructions per request under callgrind and summary tables for the other maintained lines.
// Loopback only; every load is bounded in time and every child process has a timeout.
//
// Knobs: BENCH_PHASES (steady,fresh,startup,micro,sampling,decorators,instructions,lines),
// BENCH_APPS (express5,express4), BENCH_VARIANTS (load variant ids, default every one),
// BENCH_ROUNDS (6; even, so that each twin goes first as often as second), BENCH_SECONDS (3), BENCH_PRELOAD_SECONDS (1), BENCH_WARMUP_SECONDS (10),
// BENCH_CONNECTIONS (50), BENCH_FRESH_ROUNDS (3), BENCH_STARTUP_RUNS (20),
// BENCH_MICRO_ITERATIONS (1000000), BENCH_LINES (22,26), BENCH_PIN (false: no CPU pinning),
// BENCH_OUTPUT (the report file, default BENCHMARKS.md; `none` writes nothing), BENCH_JSON
// (also write the raw results there).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measureFreshProcesses } from './fresh-process.mjs';
import { countInstructions } from './instructions.mjs';
import { PINNING, pinRunner } from './load.mjs';
import { describeMachine } from './machine.mjs';
import { median } from './stats.mjs';
import { measureSteadyState } from './steady-state.mjs';
import { APPS, childEnv, REGISTER, ROOT, variantById } from './variants.mjs';

function knob(name, fallback, min, max) {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}
const list = (name, fallback) => (process.env[name] ?? fallback).split(',').map((item) => item.trim()).filter(Boolean);

const PHASES = new Set(list('BENCH_PHASES', 'steady,fresh,startup,micro,sampling,decorators,instructions,lines'));
const APP_IDS = list('BENCH_APPS', APPS.map((app) => app.id).join(','));
const ONLY = list('BENCH_VARIANTS', '');
const LINES = list('BENCH_LINES', '22,26');
const OUTPUT = process.env.BENCH_OUTPUT ?? 'BENCHMARKS.md';
const settings = {
  rounds: knob('BENCH_ROUNDS', 6, 1, 20),
  seconds: knob('BENCH_SECONDS', 3, 1, 30),
  preloadSeconds: knob('BENCH_PRELOAD_SECONDS', 1, 0, 10),
  warmupSeconds: knob('BENCH_WARMUP_SECONDS', 10, 0, 60),
  connections: knob('BENCH_CONNECTIONS', 50, 1, 500),
  freshRounds: knob('BENCH_FRESH_ROUNDS', 3, 1, 10),
  freshPreloadSeconds: 2,
  freshSeconds: 5,
};
const STARTUP_RUNS = knob('BENCH_STARTUP_RUNS', 20, 1, 100);
const MICRO_ITERATIONS = knob('BENCH_MICRO_ITERATIONS', 1_000_000, 10_000, 10_000_000);

/** The load variants of each app: the tracers side by side, and otel-bootstrap with parts turned off. */
const STEADY_VARIANTS = {
  express5: ['control', 'bootstrap-1', 'bootstrap-100', 'bootstrap-rules-1', 'bootstrap-metrics-1', 'bootstrap-official-1', 'official-1', 'official-100', 'ddtrace-1', 'ddtrace-100', 'edot-1', 'edot-100', 'always-off', 'exporter-none-1'],
  express4: ['control', 'bootstrap-1', 'bootstrap-100', 'official-1', 'official-100', 'ddtrace-1', 'ddtrace-100', 'edot-1', 'edot-100'],
};
const FRESH_VARIANTS = ['control', 'bootstrap-1', 'official-1', 'ddtrace-1', 'edot-1'];
const INSTRUCTION_VARIANTS = {
  express5: ['bare', 'disabled', 'no-instrumentations', 'always-off', 'http-only', 'exporter-none-1', 'bootstrap-1', 'exporter-none-100', 'bootstrap-100', 'official-1', 'ddtrace-1', 'edot-1'],
  express4: ['bare', 'bootstrap-1', 'bootstrap-100'],
};
const pick = (ids) => ids.filter((id) => ONLY.length === 0 || id === 'control' || id === 'bare' || ONLY.includes(id)).map(variantById);
const apps = APP_IDS.map((id) => {
  const app = APPS.find((candidate) => candidate.id === id);
  if (app === undefined) throw new Error(`unknown app ${id}; known: ${APPS.map((candidate) => candidate.id).join(', ')}`);
  return app;
});

if (!existsSync(REGISTER)) {
  console.error(`missing ${REGISTER}: run \`npm run bench\` (it builds first)`);
  process.exit(1);
}
// The machine is described before the runner is pinned, which would make it see one CPU.
const machine = describeMachine();
pinRunner();
const startedAt = Date.now();
const results = { node: process.version, machine, pinning: PINNING, settings, steady: {}, fresh: {} };

// ---------------------------------------------------------------------------------------------
// Throughput, latency and memory.
if (PHASES.has('steady')) {
  for (const app of apps) results.steady[app.id] = await measureSteadyState(app, pick(STEADY_VARIANTS[app.id] ?? []), settings);
}
if (PHASES.has('fresh')) {
  for (const app of apps) results.fresh[app.id] = await measureFreshProcesses(app, pick(FRESH_VARIANTS), settings);
}

// ---------------------------------------------------------------------------------------------
// Start-up: interleaved runs of whole processes, wall time to exit.
if (PHASES.has('startup')) {
  const competitors = join(ROOT, 'bench', 'competitors', 'node_modules');
  const variants = [
    { id: 'bare', label: '`node -e 0`', args: ['-e', '0'] },
    { id: 'bootstrap', label: '`node --require otel-bootstrap/register -e 0`', args: ['--require', REGISTER, '-e', '0'] },
    { id: 'official-http-express', label: 'official NodeSDK, http+express (`bench/apps/official-register.cjs`)', args: ['--require', join(ROOT, 'bench', 'apps', 'official-register.cjs'), '-e', '0'] },
    { id: 'official-auto', label: '`--require @opentelemetry/auto-instrumentations-node/register`', args: ['--require', '@opentelemetry/auto-instrumentations-node/register', '-e', '0'] },
    ...(existsSync(competitors)
      ? [
          { id: 'ddtrace', label: '`--require dd-trace/init`', args: ['--require', join(competitors, 'dd-trace', 'init.js'), '-e', '0'] },
          { id: 'edot', label: '`--require @elastic/opentelemetry-node`', args: ['--require', join(competitors, '@elastic', 'opentelemetry-node', 'require.js'), '-e', '0'] },
        ]
      : []),
  ];
  const times = Object.fromEntries(variants.map((variant) => [variant.id, []]));
  const ratios = Object.fromEntries(variants.map((variant) => [variant.id, []]));
  console.error(`start-up: ${STARTUP_RUNS} interleaved runs`);
  for (let run = 0; run < STARTUP_RUNS; run++) {
    const round = {};
    for (const variant of variants) {
      const started = process.hrtime.bigint();
      const outcome = spawnSync(process.execPath, variant.args, { cwd: ROOT, env: childEnv({}), stdio: 'ignore', timeout: 30_000 });
      round[variant.id] = outcome.status === 0 ? Number(process.hrtime.bigint() - started) / 1e6 : NaN;
      times[variant.id].push(round[variant.id]);
    }
    for (const variant of variants) ratios[variant.id].push(round[variant.id] / round.bare);
  }
  results.startup = variants.map((variant) => ({ id: variant.id, label: variant.label, ms: median(times[variant.id]), ratio: median(ratios[variant.id]), rounds: ratios[variant.id] }));
}

// ---------------------------------------------------------------------------------------------
// Per span and per call, each scenario in processes of its own (bench/micro.mjs and friends).
function runScript(script, args, timeout) {
  const outcome = spawnSync(process.execPath, [join(ROOT, 'bench', script), ...args], { cwd: ROOT, env: childEnv({}), encoding: 'utf8', timeout });
  return outcome.status === 0 ? { ok: true, text: outcome.stdout.trim() } : { ok: false, text: `failed (exit ${outcome.status}): ${outcome.stderr.trim()}` };
}
if (PHASES.has('micro')) {
  const tracers = ['noop', 'bootstrap', 'official'];
  const roots = ['always_off', 'ratio'];
  const samples = {};
  console.error('micro: 3 interleaved rounds');
  for (let round = 0; round < 3; round++) {
    for (const root of roots) {
      for (const tracer of tracers) {
        const outcome = runScript('micro.mjs', [tracer, root, String(MICRO_ITERATIONS)], 120_000);
        let ns = NaN;
        try {
          ns = JSON.parse(outcome.text.split('\n').pop()).nsPerSpan;
        } catch {
          console.error(`  micro ${tracer}/${root} ${outcome.text}`);
        }
        (samples[`${tracer}/${root}`] ??= []).push(ns);
      }
    }
  }
  results.micro = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)]));
}
if (PHASES.has('sampling')) {
  console.error('sampling: node bench/sampling.mjs');
  results.sampling = runScript('sampling.mjs', [String(MICRO_ITERATIONS), '3'], 600_000).text;
}
if (PHASES.has('decorators')) {
  console.error('decorators: node bench/decorators.mjs');
  results.decorators = runScript('decorators.mjs', [], 300_000).text;
}

// ---------------------------------------------------------------------------------------------
// Instructions per request (callgrind): the decomposition, free of the machine's noise.
if (PHASES.has('instructions')) {
  results.instructions = [];
  for (const app of apps) results.instructions.push(...(await countInstructions({ apps: [app.id], variants: (INSTRUCTION_VARIANTS[app.id] ?? []).filter((id) => ONLY.length === 0 || id === 'bare' || ONLY.includes(id)) })));
}

// ---------------------------------------------------------------------------------------------
// The other maintained lines: a shorter run of this script on each line's official binary.
if (PHASES.has('lines')) {
  results.lines = {};
  for (const line of LINES) {
    const found = spawnSync('bash', [join(ROOT, 'scripts', 'node-lines.sh'), 'path', line], { encoding: 'utf8' });
    if (found.status !== 0) throw new Error(`no Node.js ${line} binary: ${found.stderr}`);
    const binary = found.stdout.trim();
    const directory = mkdtempSync(join(tmpdir(), 'otel-bootstrap-bench-line-'));
    const jsonFile = join(directory, 'results.json');
    console.error(`Node.js ${line}: ${binary} bench/run.mjs (steady state, start-up, micro)`);
    const outcome = spawnSync(binary, [join(ROOT, 'bench', 'run.mjs')], {
      cwd: ROOT,
      env: { ...process.env, BENCH_PHASES: 'steady,startup,micro', BENCH_APPS: 'express5', BENCH_VARIANTS: 'bootstrap-1,bootstrap-100', BENCH_OUTPUT: 'none', BENCH_JSON: jsonFile },
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 3_600_000,
    });
    if (outcome.status !== 0 || !existsSync(jsonFile)) throw new Error(`the Node.js ${line} run failed (exit ${outcome.status})`);
    results.lines[line] = JSON.parse(readFileSync(jsonFile, 'utf8'));
    rmSync(directory, { recursive: true, force: true });
  }
}

results.minutes = (Date.now() - startedAt) / 60_000;
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(results, null, 2)}\n`);
const report = (await import('./report.mjs')).renderReport(results);
console.log(report.body);
if (OUTPUT !== 'none') {
  // Marked sections are written by their own scripts (bench/soak.mjs, bench/install-size.mjs, ...); keep them.
  const previous = existsSync(resolve(ROOT, OUTPUT)) ? readFileSync(resolve(ROOT, OUTPUT), 'utf8') : '';
  const kept = previous.match(/<!-- ([\w-]+):start -->[\s\S]*?<!-- \1:end -->/g) ?? [];
  writeFileSync(resolve(ROOT, OUTPUT), kept.length === 0 ? report.document : `${report.document}\n${kept.join('\n\n')}\n`);
  console.error(`wrote ${OUTPUT}`);
}
// A run that finished is a success even when a target is missed: the report says which.
process.exit(0);
