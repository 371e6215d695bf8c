/**
 * Jaeger remote sampling against the real Jaeger that `npm run test:e2e` starts: its
 * `remote_sampling` extension serves the strategies file named by OTEL_BOOTSTRAP_JAEGER_SAMPLING_FILE
 * and reloads it every second. The test writes strategies, waits for Jaeger to serve them and for
 * the sampler to poll them, and checks the observed sampling of each operation against the
 * strategy; then it changes the file and checks again. A child-process service configured only by
 * the environment sends its kept spans to the same Jaeger, where they are counted.
 *
 * The statistical bound: each decision is a Bernoulli trial with the operation's rate p, decided
 * from a fresh random trace id, so the kept count of n decisions is Binomial(n, p). The test
 * accepts mean ± 5 standard deviations (5 * sqrt(n p (1 - p))): a correct sampler fails about once
 * in 1.7 million runs, and with n = 20,000 the band at p = 0.2 is ±283, far narrower than the gap to
 * the next rate the strategies use (0.1 or 0.5 differ from 0.2 by 2,000 to 6,000 kept).
 */
import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { JaegerRemoteSampler } from '../../src/sampling/jaeger-remote/jaeger-remote-sampler';
import { AlwaysOffSampler } from '../../src/sdk/samplers/always';
import { Decision } from '../../src/sdk/samplers/sampling-decision';
import { binomialBounds, runNode, tagOf, tracesOf, waitFor } from './support/jaeger';

const ENDPOINT = 'http://127.0.0.1:5778/sampling';
const STRATEGIES_FILE = process.env.OTEL_BOOTSTRAP_JAEGER_SAMPLING_FILE;
const RUN = randomBytes(4).toString('hex');
const STAT_SERVICE = `e2e-remote-stat-${RUN}`;
const LIMITED_SERVICE = `e2e-remote-limited-${RUN}`;
const APP_SERVICE = `e2e-remote-app-${RUN}`;
const DECISIONS = 20_000;
const APP_TRACES = 2000;
const APP = join(__dirname, '..', 'fixtures', 'e2e', 'remote-sampled-app.cjs');

interface Phase {
  serviceRate: number;
  operations: Record<string, number>;
}

/** Writes the strategies file in one step (Jaeger must never read half of it). */
function writeStrategies(phase: Phase): void {
  if (STRATEGIES_FILE === undefined) throw new Error('OTEL_BOOTSTRAP_JAEGER_SAMPLING_FILE is not set: run this suite with npm run test:e2e, which starts Jaeger with a strategies file');
  const strategies = {
    service_strategies: [
      {
        service: STAT_SERVICE,
        type: 'probabilistic',
        param: phase.serviceRate,
        operation_strategies: Object.entries(phase.operations).map(([operation, param]) => ({ operation, type: 'probabilistic', param })),
      },
      { service: LIMITED_SERVICE, type: 'ratelimiting', param: 5 },
      { service: APP_SERVICE, type: 'probabilistic', param: 0, operation_strategies: [{ operation: 'marker', type: 'probabilistic', param: 1 }, { operation: 'op-b', type: 'probabilistic', param: 0.3 }] },
    ],
    default_strategy: { type: 'probabilistic', param: 1 },
  };
  const temporary = `${STRATEGIES_FILE}.${RUN}.tmp`;
  writeFileSync(temporary, JSON.stringify(strategies));
  renameSync(temporary, STRATEGIES_FILE);
}

async function servedFor(service: string): Promise<string> {
  const response = await fetch(`${ENDPOINT}?service=${service}`);
  if (!response.ok) throw new Error(`Jaeger sampling endpoint answered ${response.status}`);
  return response.text();
}

/** Kept decisions of `sampler` for `operation` over DECISIONS fresh random trace ids. */
function keptOf(sampler: JaegerRemoteSampler, operation: string): number {
  let kept = 0;
  for (let index = 0; index < DECISIONS; index++) {
    if (sampler.decide(undefined, randomBytes(16).toString('hex'), operation, SpanKind.SERVER, undefined) === Decision.RECORD_AND_SAMPLED) kept++;
  }
  return kept;
}

const samplers: JaegerRemoteSampler[] = [];
afterAll(() => {
  for (const sampler of samplers) sampler.shutdown();
  // Leave Jaeger serving probability 1 to everyone again.
  if (STRATEGIES_FILE !== undefined) writeFileSync(STRATEGIES_FILE, JSON.stringify({ default_strategy: { type: 'probabilistic', param: 1 } }));
});

describe('Jaeger remote sampling against the real Jaeger', () => {
  it('follows the per-operation strategy Jaeger serves, and follows it again after the file changes and Jaeger reloads', async () => {
    const phases: Phase[] = [
      { serviceRate: 0.5, operations: { 'op-a': 0.8, 'op-b': 0.2 } },
      { serviceRate: 0.05, operations: { 'op-a': 0.1, 'op-b': 0.9 } },
    ];
    const sampler = new JaegerRemoteSampler({ serviceName: STAT_SERVICE, endpoint: ENDPOINT, pollingIntervalMs: 200, initialSampler: new AlwaysOffSampler() });
    samplers.push(sampler);
    for (const [index, phase] of phases.entries()) {
      writeStrategies(phase);
      await waitFor(() => servedFor(STAT_SERVICE), (body) => body.includes(`"samplingRate":${phase.operations['op-a']}`), `Jaeger to reload phase ${index + 1}`, 30_000);
      if (index === 0) sampler.start();
      await waitFor(() => Promise.resolve(sampler.toString()), (text) => text.includes(`op-a=${phase.operations['op-a']}`), `the sampler to poll phase ${index + 1}`, 30_000);
      for (const [operation, rate] of [...Object.entries(phase.operations), ['unnamed-operation', phase.serviceRate] as const]) {
        const kept = keptOf(sampler, operation);
        const [low, high] = binomialBounds(DECISIONS, rate);
        expect(kept, `phase ${index + 1}, ${operation} at ${rate}`).toBeGreaterThanOrEqual(low);
        expect(kept, `phase ${index + 1}, ${operation} at ${rate}`).toBeLessThanOrEqual(high);
      }
    }
  });

  it('applies a rate-limiting strategy (numeric strategyType 1 from Jaeger v2)', async () => {
    let now = 0;
    const sampler = new JaegerRemoteSampler({ serviceName: LIMITED_SERVICE, endpoint: ENDPOINT, pollingIntervalMs: 200, initialSampler: new AlwaysOffSampler(), clock: () => now });
    samplers.push(sampler);
    expect(await servedFor(LIMITED_SERVICE)).toContain('"strategyType":1');
    sampler.start();
    await waitFor(() => Promise.resolve(sampler.toString()), (text) => text === 'JaegerRemoteSampler{ratelimiting 5/s}', 'the rate-limiting strategy', 30_000);
    const keptNow = Array.from({ length: 1000 }, () => keptOf1(sampler)).filter(Boolean).length;
    now += 2000;
    const keptAfterTwoSeconds = Array.from({ length: 1000 }, () => keptOf1(sampler)).filter(Boolean).length;
    // A burst of 5, then 5 per second of the fake clock, capped at the burst.
    expect([keptNow, keptAfterTwoSeconds]).toEqual([5, 5]);
  });

  it('a service configured only by the environment sends what the strategy keeps to Jaeger, marked with the sampler', async () => {
    const result = await runNode(APP, {
      NODE_ENV: 'production',
      OTEL_SERVICE_NAME: APP_SERVICE,
      OTEL_TRACES_SAMPLER: 'jaeger_remote',
      OTEL_TRACES_SAMPLER_ARG: `endpoint=${ENDPOINT},pollingIntervalMs=500,initialSamplingRate=0`,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_BSP_MAX_QUEUE_SIZE: String(APP_TRACES * 2),
      OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT: '20000',
      TRACES: String(APP_TRACES),
      OPERATION: 'op-b',
    });
    expect(result.code, result.stderr).toBe(0);
    const { arrived, recorded } = JSON.parse(result.stdout.trim()) as { arrived: boolean; recorded: number };
    expect(arrived).toBe(true);
    const [low, high] = binomialBounds(APP_TRACES, 0.3);
    expect(recorded).toBeGreaterThanOrEqual(low);
    expect(recorded).toBeLessThanOrEqual(high);
    const stored = await waitFor(() => tracesOf(APP_SERVICE, { operation: 'op-b' }), (traces) => traces.length >= recorded, `${recorded} op-b traces in Jaeger`, 30_000);
    expect(stored).toHaveLength(recorded);
    for (const trace of stored) {
      expect(tagOf(trace.spans[0] as never, 'sampler.type')).toBe('probabilistic');
      expect(tagOf(trace.spans[0] as never, 'sampler.param')).toBe(0.3);
    }
  });
});

function keptOf1(sampler: JaegerRemoteSampler): boolean {
  return sampler.decide(undefined, randomBytes(16).toString('hex'), 'any', SpanKind.SERVER, undefined) === Decision.RECORD_AND_SAMPLED;
}
