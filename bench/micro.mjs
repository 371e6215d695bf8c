// Cost of one non-sampled root span (`startSpan` + `end`) through one tracer, in ns per span.
// Usage: node bench/micro.mjs <noop|bootstrap|official> <root> <iterations>
// Roots: always_off, ratio (0.01) for an attribute-less span; always_off-server, ratio-server for a
// server span with the attributes the lean HTTP instrumentation starts it with; rules-off, rules:
// that server span under five sampling rules none of which matches, falling back to always_off or
// to ratio 0.01 (bootstrap only).
// Prints `{"nsPerSpan":N}`. Bounded: a fixed warm-up and a fixed number of timed loops.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const api = require('@opentelemetry/api');

const [variant = 'noop', root = 'always_off', iterationText = '1000000'] = process.argv.slice(2);
const iterations = Math.max(10_000, Math.min(20_000_000, Number(iterationText) || 1_000_000));

const usesRatio = root === 'ratio' || root === 'ratio-server' || root === 'rules';
const serverSpan = root.endsWith('-server') || root.startsWith('rules');
/** Five rules, in the shapes users write, that a `GET /hello` server span matches none of. */
const FIVE_RULES = [
  { path: '/health*', drop: true },
  { route: '/checkout/:id', sampleRate: 1 },
  { method: 'POST', path: '/api/orders*', maxPerSecond: 10 },
  { name: 'cron *', kind: 'internal', drop: true },
  { attributes: { 'tenant.tier': 'vip-*' }, sampleRate: 1 },
];

function makeTracer() {
  if (variant === 'noop') return api.trace.getTracer('micro');
  if (variant === 'bootstrap') {
    const { init } = require('../dist/index.cjs');
    const manager = init({
      serviceName: 'micro',
      environment: 'production',
      sampler: usesRatio ? 'parentbased_traceidratio' : 'parentbased_always_off',
      samplingRatio: usesRatio ? 0.01 : undefined,
      samplingRules: root.startsWith('rules') ? FIVE_RULES : undefined,
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
  if (root.startsWith('rules')) throw new Error('the official SDK has no rule sampler');
  const sampler = new ParentBasedSampler({ root: usesRatio ? new TraceIdRatioBasedSampler(0.01) : new AlwaysOffSampler() });
  return new TracerProvider({ sampler }).getTracer('micro');
}

const tracer = makeTracer();
let sink = 0;
const SERVER = api.SpanKind.SERVER;
function loop(count) {
  for (let i = 0; i < count; i++) {
    // The server span is started as the lean HTTP instrumentation starts it: kind and three attributes.
    const span = serverSpan
      ? tracer.startSpan('GET', { kind: SERVER, attributes: { 'http.request.method': 'GET', 'url.path': '/hello', 'url.scheme': 'http' } })
      : tracer.startSpan('GET /hello');
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
