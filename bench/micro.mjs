// Cost of one non-sampled root span (`startSpan` + `end`) through one tracer, in ns per span.
// Usage: node bench/micro.mjs <noop|bootstrap|official> <always_off|ratio> <iterations>
// Prints `{"nsPerSpan":N}`. Bounded: a fixed warm-up and a fixed number of timed loops.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const api = require('@opentelemetry/api');

const [variant = 'noop', root = 'always_off', iterationText = '1000000'] = process.argv.slice(2);
const iterations = Math.max(10_000, Math.min(20_000_000, Number(iterationText) || 1_000_000));

function makeTracer() {
  if (variant === 'noop') return api.trace.getTracer('micro');
  if (variant === 'bootstrap') {
    const { init } = require('../dist/index.cjs');
    const manager = init({
      serviceName: 'micro',
      environment: 'production',
      sampler: root === 'ratio' ? 'parentbased_traceidratio' : 'parentbased_always_off',
      samplingRatio: root === 'ratio' ? 0.01 : undefined,
      exporter: 'none',
      instrumentations: 'none',
      shutdownSignals: false,
      flushOnBeforeExit: false,
    });
    return manager.tracer('micro');
  }
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
  const { TracerProvider, ParentBasedSampler, AlwaysOffSampler, TraceIdRatioBasedSampler } = require('@opentelemetry/sdk-trace');
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const sampler = new ParentBasedSampler({ root: root === 'ratio' ? new TraceIdRatioBasedSampler(0.01) : new AlwaysOffSampler() });
  return new TracerProvider({ sampler }).getTracer('micro');
}

const tracer = makeTracer();
let sink = 0;
function loop(count) {
  for (let i = 0; i < count; i++) {
    const span = tracer.startSpan('GET /hello');
    if (span.isRecording()) sink++;
    span.end();
  }
}

loop(Math.min(iterations, 200_000));
const samples = [];
for (let round = 0; round < 5; round++) {
  const started = process.hrtime.bigint();
  loop(iterations);
  samples.push(Number(process.hrtime.bigint() - started) / iterations);
}
samples.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ nsPerSpan: samples[2], recorded: sink })}\n`);
process.exit(0);
