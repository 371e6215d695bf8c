// Cost of @traceMethod() per call: node bench/decorators.mjs (after `npm run build`).
// Each scenario runs ROUNDS rounds (up to ITERATIONS calls each); the table shows the median ns
// per call and the ratio against the undecorated method measured in the same run.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

const require = createRequire(import.meta.url);
const { traceMethod } = require('../dist/index.cjs');
const { createTestTracing } = require('../dist/testing.cjs');
const { context, trace } = require('@opentelemetry/api');

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

class Plain {
  price(quantity, unit) {
    return quantity * unit + 1;
  }
}

function decoratedClass(options) {
  class Decorated {
    price(quantity, unit) {
      return quantity * unit + 1;
    }
  }
  const descriptor = Object.getOwnPropertyDescriptor(Decorated.prototype, 'price');
  Object.defineProperty(Decorated.prototype, 'price', traceMethod(options)(Decorated.prototype, 'price', descriptor));
  return Decorated;
}

let sink = 0;
const CHUNK = 1000;
const WARMUP = 20_000;
const MIN_CALLS = 10_000;
const ROUND_BUDGET_MS = 400;
const drain = () => nextTurn();

// Calls run in chunks with a turn of the event loop between them, as in a service: the simple
// span processor settles each export in a microtask, and one long synchronous loop would pile up
// hundreds of thousands of pending exports and measure the garbage collector instead.
async function timeCalls(instance, calls) {
  let elapsed = 0;
  for (let done = 0; done < calls; done += CHUNK) {
    const started = performance.now();
    for (let index = 0; index < CHUNK; index += 1) sink += instance.price(index & 7, 3);
    elapsed += performance.now() - started;
    await drain();
  }
  return (elapsed * 1e6) / calls;
}

// A warm-up round sizes the measured rounds: ITERATIONS calls, fewer for slow scenarios so that a
// round stays near ROUND_BUDGET_MS and the whole run near 20 s.
async function measure(instance, afterRound) {
  const estimate = await timeCalls(instance, WARMUP);
  afterRound?.();
  const calls = Math.max(MIN_CALLS, Math.min(ITERATIONS, Math.round((ROUND_BUDGET_MS * 1e6) / estimate / CHUNK) * CHUNK));
  const samples = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    samples.push(await timeCalls(instance, calls));
    afterRound?.();
  }
  samples.sort((a, b) => a - b);
  return { ns: samples[Math.floor(samples.length / 2)], calls };
}

const Decorated = decoratedClass();
const DecoratedWithValues = decoratedClass({ includeArgs: true, includeResult: true });
const rows = [];
const plain = await measure(new Plain());
const baseline = plain.ns;
rows.push(['undecorated', plain]);
rows.push(['decorated, tracing disabled (no provider)', await measure(new Decorated())]);

let tracing = createTestTracing({ sampler: 'parentbased_always_off' });
rows.push(['decorated, not sampled, new root (always_off)', await measure(new Decorated())]);
rows.push(['decorated + includeArgs/includeResult, not sampled', await measure(new DecoratedWithValues())]);
// The usual case in a service: the call runs inside a request that the sampler did not pick.
const request = tracing.tracer().startSpan('GET /orders');
const inRequest = context.with(trace.setSpan(context.active(), request), () => context.bind(context.active(), (instance) => measure(instance)));
rows.push(['decorated, not sampled, inside an unsampled request', await inRequest(new Decorated())]);
request.end();
await tracing.shutdown();

tracing = createTestTracing({ sampler: 'always_on' });
rows.push(['decorated, sampled (always_on, in-memory exporter)', await measure(new Decorated(), () => tracing.reset())]);
rows.push(['decorated + includeArgs/includeResult, sampled', await measure(new DecoratedWithValues(), () => tracing.reset())]);
await tracing.shutdown();

const width = Math.max(...rows.map(([name]) => name.length));
console.log(`node ${process.version}, ${ROUNDS} rounds of up to ${ITERATIONS} calls after a warm-up, median ns per call\n`);
console.log(`| ${'scenario'.padEnd(width)} | calls/round | ns/call | added ns/call | vs undecorated |`);
console.log(`| ${'-'.repeat(width)} | ----------: | ------: | ------------: | -------------: |`);
for (const [name, { ns, calls }] of rows) {
  console.log(`| ${name.padEnd(width)} | ${String(calls).padStart(11)} | ${ns.toFixed(1).padStart(7)} | ${(ns - baseline).toFixed(1).padStart(13)} | ${`${(ns / baseline).toFixed(1)}x`.padStart(14)} |`);
}
if (sink === 42) console.log('');
