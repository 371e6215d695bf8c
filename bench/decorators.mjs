// Cost of @traceMethod() per call: node bench/decorators.mjs (after `npm run build`).
//
// Each scenario runs in its own process, as a service runs with one tracing setup: scenarios that
// share a process train the JIT on each other's shapes and measure that mix instead. Inside a
// scenario, chunks of undecorated and decorated calls alternate, so a slow moment of this shared
// machine hits both; the added cost is the median over rounds of (decorated - undecorated).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const CHUNK = 1000;
const WARMUP_CHUNKS = 30;
const ROUND_BUDGET_MS = 300;
const MAX_CHUNKS_PER_ROUND = 500;

/** Scenario ids in report order, with their labels (bench/run.mjs reads the targets by label). */
const SCENARIOS = [
  ['disabled', 'decorated, tracing disabled (no provider)'],
  ['new-root', 'decorated, not sampled, new root (always_off)'],
  ['new-root-values', 'decorated + includeArgs/includeResult, not sampled'],
  ['in-request', 'decorated, not sampled, inside an unsampled request'],
  ['sampled', 'decorated, sampled (always_on, in-memory exporter)'],
  ['sampled-values', 'decorated + includeArgs/includeResult, sampled'],
];

const scenarioArgument = process.argv.find((argument) => argument.startsWith('--scenario='));
if (scenarioArgument === undefined) report();
else await runScenario(scenarioArgument.slice('--scenario='.length));

function report() {
  const script = fileURLToPath(import.meta.url);
  const rows = SCENARIOS.map(([id, label]) => {
    const child = spawnSync(process.execPath, [script, `--scenario=${id}`], { encoding: 'utf8', timeout: 60_000 });
    if (child.status !== 0) throw new Error(`scenario ${id} failed (exit ${child.status}): ${child.stderr}`);
    return { label, ...JSON.parse(child.stdout) };
  });
  const width = Math.max(...rows.map(({ label }) => label.length));
  console.log(`node ${process.version}, one process per scenario, ${ROUNDS} rounds of alternating ${CHUNK}-call chunks, medians\n`);
  console.log(`| ${'scenario'.padEnd(width)} | calls/round | ns/call | added ns/call | vs undecorated |`);
  console.log(`| ${'-'.repeat(width)} | ----------: | ------: | ------------: | -------------: |`);
  for (const { label, calls, plainNs, ns, addedNs } of rows) {
    console.log(`| ${label.padEnd(width)} | ${String(calls).padStart(11)} | ${ns.toFixed(1).padStart(7)} | ${addedNs.toFixed(1).padStart(13)} | ${`${(ns / plainNs).toFixed(1)}x`.padStart(14)} |`);
  }
}

async function runScenario(id) {
  const require = createRequire(import.meta.url);
  const { traceMethod } = require('../dist/index.cjs');
  const { createTestTracing } = require('../dist/testing.cjs');
  const { context, trace } = require('@opentelemetry/api');

  class Plain {
    price(quantity, unit) {
      return quantity * unit + 1;
    }
  }
  const decoratedClass = (options) => {
    class Decorated {
      price(quantity, unit) {
        return quantity * unit + 1;
      }
    }
    const descriptor = Object.getOwnPropertyDescriptor(Decorated.prototype, 'price');
    Object.defineProperty(Decorated.prototype, 'price', traceMethod(options)(Decorated.prototype, 'price', descriptor));
    return Decorated;
  };
  const withValues = id.endsWith('-values');
  const decorated = new (decoratedClass(withValues ? { includeArgs: true, includeResult: true } : undefined))();
  const plain = new Plain();

  let tracing;
  if (id.startsWith('new-root') || id === 'in-request') tracing = createTestTracing({ sampler: 'parentbased_always_off' });
  if (id.startsWith('sampled')) tracing = createTestTracing({ sampler: 'always_on' });
  // Spans in memory are cleared between chunks, so the sampled rows measure spans, not a growing heap.
  const afterChunk = id.startsWith('sampled') ? () => tracing.reset() : () => {};

  let sink = 0;
  const timeChunk = (instance) => {
    const started = performance.now();
    for (let index = 0; index < CHUNK; index += 1) sink += instance.price(index & 7, 3);
    return performance.now() - started;
  };
  // Calls run in chunks with a turn of the event loop between them, as in a service: the simple
  // span processor settles each export in a microtask, and one long synchronous loop would pile up
  // pending exports and measure the garbage collector instead.
  const pairedRound = async (chunks) => {
    let plainMs = 0;
    let decoratedMs = 0;
    for (let chunk = 0; chunk < chunks; chunk += 1) {
      plainMs += timeChunk(plain);
      decoratedMs += timeChunk(decorated);
      afterChunk();
      await nextTurn();
    }
    const calls = chunks * CHUNK;
    return { plainNs: (plainMs * 1e6) / calls, ns: (decoratedMs * 1e6) / calls };
  };
  const measure = async () => {
    const warmup = await pairedRound(WARMUP_CHUNKS);
    const chunks = Math.max(10, Math.min(MAX_CHUNKS_PER_ROUND, Math.round((ROUND_BUDGET_MS * 1e6) / (warmup.ns + warmup.plainNs) / CHUNK)));
    const rounds = [];
    for (let round = 0; round < ROUNDS; round += 1) rounds.push(await pairedRound(chunks));
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return {
      calls: chunks * CHUNK,
      plainNs: median(rounds.map((round) => round.plainNs)),
      ns: median(rounds.map((round) => round.ns)),
      addedNs: median(rounds.map((round) => round.ns - round.plainNs)),
    };
  };

  let result;
  if (id === 'in-request') {
    // The usual case in a service: the call runs inside a request that the sampler did not pick.
    const request = tracing.tracer().startSpan('GET /orders');
    result = await context.with(trace.setSpan(context.active(), request), () => context.bind(context.active(), measure)());
    request.end();
  } else {
    result = await measure();
  }
  await tracing?.shutdown();
  if (sink === 42) console.error('');
  console.log(JSON.stringify(result));
}
