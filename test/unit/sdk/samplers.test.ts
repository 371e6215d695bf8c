import { randomBytes } from 'node:crypto';
import { ROOT_CONTEXT, SpanKind, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';
import {
  AlwaysOffSampler as OfficialAlwaysOff,
  AlwaysOnSampler as OfficialAlwaysOn,
  ParentBasedSampler as OfficialParentBased,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { createSampler } from '../../../src/sampling/create-sampler';
import { generatedRandomnessAtLeast, randomTraceId } from '../../../src/sdk/ids';
import { W3CTraceState } from '../../../src/propagation/w3c/trace-state';
import { createComposableProbabilitySampler, createCompositeSampler } from '@opentelemetry/sampler-composite';
import { AlwaysOffSampler, AlwaysOnSampler } from '../../../src/sdk/samplers/always';
import { ParentBasedSampler } from '../../../src/sdk/samplers/parent-based';
import { Decision } from '../../../src/sdk/samplers/sampling-decision';
import { TraceIdRatioSampler } from '../../../src/sdk/samplers/trace-id-ratio';

const decisionOf = (sampler: Sampler, traceId: string, context = ROOT_CONTEXT) => sampler.shouldSample(context, traceId, 'span', SpanKind.INTERNAL, {}, []).decision as number;

describe('TraceIdRatioSampler', () => {
  // The official composite sampler implements the specification's consistent probability sampling.
  const official = (ratio: number) => createCompositeSampler(createComposableProbabilitySampler(ratio));
  const resultOf = (sampler: Sampler, traceId: string, context = ROOT_CONTEXT) => {
    const result = sampler.shouldSample(context, traceId, 'span', SpanKind.INTERNAL, {}, []);
    return { decision: result.decision as number, ot: (result.decision as number) === 2 ? result.traceState?.get('ot') : undefined };
  };

  it('decides and writes th exactly as the official composite ratio sampler over 10,000 random trace ids', () => {
    const traceIds = Array.from({ length: 10_000 }, () => randomBytes(16).toString('hex'));
    for (const ratio of [0, 0.0001, 0.01, 0.1, 0.25, 1 / 3, 0.5, 0.999, 1]) {
      const ours = new TraceIdRatioSampler(ratio);
      const theirs = official(ratio);
      const mismatches = traceIds.filter((traceId) => JSON.stringify(resultOf(ours, traceId)) !== JSON.stringify(resultOf(theirs, traceId)));
      expect(mismatches, `ratio ${ratio}`).toEqual([]);
      expect(traceIds.filter((traceId) => ours.decide(undefined, traceId, 'span', SpanKind.INTERNAL, undefined) !== resultOf(theirs, traceId).decision)).toEqual([]);
    }
  });

  it('decides the ids this package draws as the official sampler, read from their random bytes or parsed', () => {
    for (const ratio of [0.0001, 0.01, 0.5, 0.999]) {
      const ours = new TraceIdRatioSampler(ratio);
      const theirs = official(ratio);
      let previous: string | undefined;
      const mismatches: string[] = [];
      // Enough draws to cross several refills of the random pool.
      for (let draw = 0; draw < 5000; draw++) {
        const traceId = randomTraceId();
        expect(generatedRandomnessAtLeast(traceId, 0, 0)).toBe(1);
        if (ours.decide(undefined, traceId, 'span', SpanKind.INTERNAL, undefined) !== resultOf(theirs, traceId).decision) mismatches.push(traceId);
        if (previous !== undefined) {
          expect(generatedRandomnessAtLeast(previous, 0, 0)).toBe(-1);
          if (ours.decide(undefined, previous, 'span', SpanKind.INTERNAL, undefined) !== resultOf(theirs, previous).decision) mismatches.push(previous);
        }
        previous = traceId;
      }
      expect(mismatches, `ratio ${ratio}`).toEqual([]);
    }
  });

  it('writes the thresholds the specification tabulates and marks the root span', () => {
    const thOf = (ratio: number) => new TraceIdRatioSampler(ratio).note(undefined).traceState?.get('ot');
    expect(thOf(1)).toBe('th:0');
    expect(thOf(0.5)).toBe('th:8');
    expect(thOf(0.25)).toBe('th:c');
    expect(thOf(0.0625)).toBe('th:f');
    // 1 % at full precision starts with the specification's fd70a4 (its 5-digit rounding).
    expect(thOf(0.01)).toMatch(/^th:fd70a3d70a3d/);
    expect(thOf(0)).toBeUndefined();
    expect(new TraceIdRatioSampler(0.25).note(undefined).attributes).toEqual({ 'sampler.type': 'probabilistic', 'sampler.param': 0.25 });
  });

  it('keeps other ot sub-keys and vendor entries, replaces th, and uses an explicit rv', () => {
    const parentState = W3CTraceState.parse('ot=th:c;rv:ffffffffffffff;x:1,vendor=v');
    const parent: SpanContext = { traceId: '0'.repeat(31) + '1', spanId: 'b'.repeat(16), traceFlags: 1, isRemote: true, traceState: parentState };
    const sampler = new TraceIdRatioSampler(0.5);
    // The trace id's own randomness is ~0, but rv says keep.
    expect(sampler.decide(parent, parent.traceId, 'span', SpanKind.INTERNAL, undefined)).toBe(Decision.RECORD_AND_SAMPLED);
    const note = sampler.note(parent);
    expect(note.traceState?.get('ot')).toBe('th:8;rv:ffffffffffffff;x:1');
    expect(note.traceState?.get('vendor')).toBe('v');
    expect(note.attributes).toEqual({ 'sampler.type': 'probabilistic', 'sampler.param': 0.5 });
    expect(sampler.note({ ...parent, isRemote: false }).attributes).toBeUndefined();
  });

  it('samples about the configured share', () => {
    const sampler = new TraceIdRatioSampler(0.25);
    const sampled = Array.from({ length: 10_000 }, () => randomBytes(16).toString('hex')).filter((traceId) => sampler.decide(undefined, traceId, 'span', SpanKind.INTERNAL, undefined) === Decision.RECORD_AND_SAMPLED);
    // 25 % of 10,000 has a standard deviation of ~43; 400 is more than 9 of them.
    expect(Math.abs(sampled.length - 2500)).toBeLessThan(400);
  });

  it('never samples invalid or all-zero ids and accepts upper case', () => {
    const sampler = new TraceIdRatioSampler(1);
    for (const traceId of ['0'.repeat(32), 'g'.repeat(32), 'abc', '', `${'a'.repeat(31)}-`, `\u0130${'1'.repeat(31)}`, `${'1'.repeat(31)}\u0161`]) {
      expect(decisionOf(sampler, traceId), traceId).toBe(Decision.NOT_RECORD);
    }
    expect(decisionOf(sampler, 'ABCDEF0123456789ABCDEF0123456789')).toBe(Decision.RECORD_AND_SAMPLED);
    expect(decisionOf(new TraceIdRatioSampler(0.5), 'ABCDEF0123456789AB00000000000000')).toBe(Decision.NOT_RECORD);
    expect(decisionOf(new TraceIdRatioSampler(0.5), 'abcdef0123456789ab80000000000000')).toBe(Decision.RECORD_AND_SAMPLED);
  });

  it('clamps the ratio and describes itself as the official ratio sampler does', () => {
    for (const ratio of [-1, 0.5, 2, Number.NaN]) expect(new TraceIdRatioSampler(ratio).toString()).toBe(new TraceIdRatioBasedSampler(ratio).toString());
  });
});

describe('ParentBasedSampler', () => {
  const parent = (sampled: boolean, isRemote: boolean): SpanContext => ({
    traceId: 'a'.repeat(32),
    spanId: 'b'.repeat(16),
    traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote,
  });
  const withParent = (spanContext: SpanContext) => trace.setSpanContext(ROOT_CONTEXT, spanContext);
  const cases = [
    { name: 'remote sampled', context: withParent(parent(true, true)), expected: Decision.RECORD_AND_SAMPLED },
    { name: 'remote not sampled', context: withParent(parent(false, true)), expected: Decision.NOT_RECORD },
    { name: 'local sampled', context: withParent(parent(true, false)), expected: Decision.RECORD_AND_SAMPLED },
    { name: 'local not sampled', context: withParent(parent(false, false)), expected: Decision.NOT_RECORD },
    { name: 'invalid parent counts as root', context: withParent({ traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 1 }), expected: Decision.NOT_RECORD },
  ];

  it.each(cases)('follows the parent by default: $name', ({ context, expected }) => {
    const ours = new ParentBasedSampler({ root: new AlwaysOffSampler() });
    const official = new OfficialParentBased({ root: new OfficialAlwaysOff() });
    expect(decisionOf(ours, 'c'.repeat(32), context)).toBe(expected);
    expect(decisionOf(ours, 'c'.repeat(32), context)).toBe(decisionOf(official, 'c'.repeat(32), context));
  });

  it('asks the root sampler for root spans', () => {
    expect(decisionOf(new ParentBasedSampler({ root: new AlwaysOnSampler() }), 'c'.repeat(32))).toBe(Decision.RECORD_AND_SAMPLED);
    expect(decisionOf(new ParentBasedSampler({ root: new AlwaysOffSampler() }), 'c'.repeat(32))).toBe(Decision.NOT_RECORD);
  });

  it('uses the sampler given for each parent case', () => {
    const inverted = new ParentBasedSampler({
      root: new AlwaysOffSampler(),
      remoteParentSampled: new AlwaysOffSampler(),
      remoteParentNotSampled: new AlwaysOnSampler(),
      localParentSampled: new AlwaysOffSampler(),
      localParentNotSampled: new AlwaysOnSampler(),
    });
    expect(cases.slice(0, 4).map(({ context }) => decisionOf(inverted, 'c'.repeat(32), context))).toEqual([
      Decision.NOT_RECORD,
      Decision.RECORD_AND_SAMPLED,
      Decision.NOT_RECORD,
      Decision.RECORD_AND_SAMPLED,
    ]);
  });

  it('describes itself as the official sampler does', () => {
    const ours = new ParentBasedSampler({ root: new TraceIdRatioSampler(0.1) });
    const official = new OfficialParentBased({ root: new TraceIdRatioBasedSampler(0.1) });
    expect(ours.toString()).toBe(official.toString());
    expect(new AlwaysOnSampler().toString()).toBe(new OfficialAlwaysOn().toString());
    expect(new AlwaysOffSampler().toString()).toBe(new OfficialAlwaysOff().toString());
  });
});

describe('createSampler', () => {
  it('builds each named sampler inside the forced-sampling layer and passes a caller sampler through', () => {
    expect(createSampler({ name: 'parentbased_traceidratio', ratio: 0.01 }).toString()).toBe(`Forced{${new OfficialParentBased({ root: new TraceIdRatioBasedSampler(0.01) }).toString()}}`);
    expect(createSampler({ name: 'traceidratio', ratio: 0.5 }).toString()).toBe('Forced{TraceIdRatioBased{0.5}}');
    expect(createSampler({ name: 'always_on', ratio: 1 }).toString()).toBe('Forced{AlwaysOnSampler}');
    expect(createSampler({ name: 'always_off', ratio: 1 }).toString()).toBe('Forced{AlwaysOffSampler}');
    expect(createSampler({ name: 'parentbased_always_off', ratio: 1 }).toString()).toContain('root=AlwaysOffSampler');
    expect(createSampler({ name: 'parentbased_ratelimiting', ratio: 1, tracesPerSecond: 5 }).toString()).toContain('root=RateLimitingSampler{5}');
    expect(createSampler({ name: 'parentbased_always_on', ratio: 1 }, { sampling: { rules: [{ route: '/health', drop: true }] } }).toString()).toContain('root=RuleSampler{rules=[{"route":"/health","drop":true}], fallback=AlwaysOnSampler}');
    const own = new OfficialAlwaysOn();
    expect(createSampler({ instance: own })).toBe(own);
  });
});
