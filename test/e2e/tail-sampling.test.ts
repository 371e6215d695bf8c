/**
 * The production topology for keeping every error and slow trace: the service samples nothing
 * away (OTEL_BOOTSTRAP_TAIL_SAMPLING=true) and sends every span to a collector tier (Jaeger's own
 * binary running the tail_sampling processor, started here by `scripts/jaeger.sh start-tail` on its
 * own loopback ports 4327/4328), which keeps all traces with an error, all slower than 1 s and 10 %
 * of the rest, and forwards them over OTLP to the storage Jaeger. Read back from Jaeger's query API.
 *
 * The statistical bound: the probabilistic policy decides each of the 960 ordinary traces from a
 * hash of its random trace id, a Bernoulli trial with p = 0.10, so their kept count is
 * Binomial(960, 0.10): mean 96, standard deviation sqrt(960 * 0.1 * 0.9) = 9.3. The test accepts
 * mean ± 5 standard deviations, 49 to 143 (a correct tier fails about once in 1.7 million runs);
 * keeping everything (960) or nothing (0) is far outside.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binomialBounds, runNode, tagOf, tracesOf, waitFor, type JaegerTrace } from './support/jaeger';

const REPO = join(__dirname, '..', '..');
const APP = join(REPO, 'test', 'fixtures', 'e2e', 'tail-traces-app.cjs');
const SERVICE = `e2e-tail-${randomBytes(4).toString('hex')}`;
const TRACES = 1000;
const FAILING = 20;
const SLOW = 20;
const PERCENT = 10;

function jaegerScript(command: 'start-tail' | 'stop-tail'): void {
  execFileSync('bash', [join(REPO, 'scripts', 'jaeger.sh'), command], {
    stdio: 'inherit',
    env: { ...process.env, OTEL_BOOTSTRAP_TAIL_LATENCY_MS: '1000', OTEL_BOOTSTRAP_TAIL_PERCENT: String(PERCENT), OTEL_BOOTSTRAP_TAIL_DECISION_WAIT: '2s' },
  });
}

const kindOf = (trace: JaegerTrace): unknown => trace.spans.map((span) => tagOf(span, 'test.kind')).find((kind) => kind !== undefined);

describe('a tail-sampling collector tier in front of Jaeger', () => {
  beforeAll(() => jaegerScript('start-tail'));
  afterAll(() => jaegerScript('stop-tail'));

  it(`keeps all ${FAILING} failing and ${SLOW} slow traces of ${TRACES}, and about ${PERCENT} % of the rest`, async () => {
    const result = await runNode(APP, {
      NODE_ENV: 'production',
      OTEL_SERVICE_NAME: SERVICE,
      OTEL_BOOTSTRAP_TAIL_SAMPLING: 'true',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4328',
      OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT: '20000',
      TRACES: String(TRACES),
      FAILING: String(FAILING),
      SLOW: String(SLOW),
      SLOW_MS: '3000',
    });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout.trim()) as { recorded: number; config: { sampler: string; tailSampling: boolean } };
    // Head sampling keeps everything: the tier decides.
    expect(summary).toMatchObject({ recorded: TRACES, config: { sampler: 'parentbased_always_on', tailSampling: true } });

    // Decisions come decision_wait (2 s) after each trace's first span; wait until the count settles.
    let previous = -1;
    const stored = await waitFor(
      () => tracesOf(SERVICE, { limit: 5000 }),
      (traces) => {
        const settled = traces.length === previous && traces.filter((trace) => kindOf(trace) !== 'normal').length === FAILING + SLOW;
        previous = traces.length;
        return settled;
      },
      'the tier to forward its decisions',
      60_000,
      1500,
    );
    const byKind = (kind: string) => stored.filter((trace) => kindOf(trace) === kind);
    expect(byKind('failing')).toHaveLength(FAILING);
    expect(byKind('slow')).toHaveLength(SLOW);
    const [low, high] = binomialBounds(TRACES - FAILING - SLOW, PERCENT / 100);
    expect(byKind('normal').length).toBeGreaterThanOrEqual(low);
    expect(byKind('normal').length).toBeLessThanOrEqual(high);
    // Whole traces: the tier keeps or drops a trace with all its spans.
    for (const trace of stored) expect(trace.spans.map((span) => span.operationName).sort()).toEqual(['charge card', `checkout ${String(kindOf(trace))}`].sort());
    expect(stored.filter((trace) => kindOf(trace) === undefined)).toEqual([]);
  });
});
