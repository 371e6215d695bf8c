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
import { generatedTraceIdWords, randomTraceId } from '../../../src/sdk/ids';
import { AlwaysOffSampler, AlwaysOnSampler } from '../../../src/sdk/samplers/always';
import { ParentBasedSampler } from '../../../src/sdk/samplers/parent-based';
import { Decision } from '../../../src/sdk/samplers/sampling-decision';
import { TraceIdRatioSampler } from '../../../src/sdk/samplers/trace-id-ratio';

const decisionOf = (sampler: Sampler, traceId: string, context = ROOT_CONTEXT) => sampler.shouldSample(context, traceId, 'span', SpanKind.INTERNAL, {}, []).decision as number;

describe('TraceIdRatioSampler', () => {
  it('decides exactly as the official sampler over 10,000 random trace ids', () => {
    const traceIds = Array.from({ length: 10_000 }, () => randomBytes(16).toString('hex'));
    for (const ratio of [0, 0.0001, 0.01, 0.1, 0.25, 0.5, 0.999, 1]) {
      const ours = new TraceIdRatioSampler(ratio);
      const official = new TraceIdRatioBasedSampler(ratio);
      const mismatches = traceIds.filter((traceId) => decisionOf(ours, traceId) !== decisionOf(official, traceId));
      expect(mismatches, `ratio ${ratio}`).toEqual([]);
      expect(traceIds.filter((traceId) => ours.decide(undefined, traceId) !== decisionOf(official, traceId))).toEqual([]);
    }
  });

  it('decides the ids this package draws exactly as the official sampler, read from their random bytes or parsed', () => {
    for (const ratio of [0.0001, 0.01, 0.5, 0.999]) {
      const ours = new TraceIdRatioSampler(ratio);
      const official = new TraceIdRatioBasedSampler(ratio);
      let previous: string | undefined;
      const mismatches: string[] = [];
      // Enough draws to cross several refills of the random pool.
      for (let draw = 0; draw < 5000; draw++) {
        const traceId = randomTraceId();
        expect(generatedTraceIdWords(traceId)).toBeDefined();
        if (ours.decide(undefined, traceId) !== decisionOf(official, traceId)) mismatches.push(traceId);
        if (previous !== undefined) {
          expect(generatedTraceIdWords(previous)).toBeUndefined();
          if (ours.decide(undefined, previous) !== decisionOf(official, previous)) mismatches.push(previous);
        }
        previous = traceId;
      }
      expect(mismatches, `ratio ${ratio}`).toEqual([]);
    }
  });

  it('samples about the configured share', () => {
    const sampler = new TraceIdRatioSampler(0.25);
    const sampled = Array.from({ length: 10_000 }, () => randomBytes(16).toString('hex')).filter((traceId) => sampler.decide(undefined, traceId) === Decision.RECORD_AND_SAMPLED);
    // 25 % of 10,000 has a standard deviation of ~43; 400 is more than 9 of them.
    expect(Math.abs(sampled.length - 2500)).toBeLessThan(400);
  });

  it('agrees with the official sampler on uppercase, invalid and all-zero ids', () => {
    const ours = new TraceIdRatioSampler(1);
    const official = new TraceIdRatioBasedSampler(1);
    for (const traceId of ['ABCDEF0123456789ABCDEF0123456789', '0'.repeat(32), 'g'.repeat(32), 'abc', '', `${'a'.repeat(31)}-`, `\u0130${'1'.repeat(31)}`, `${'1'.repeat(31)}\u0161`]) {
      expect(decisionOf(ours, traceId), traceId).toBe(decisionOf(official, traceId));
    }
    expect(decisionOf(ours, '0'.repeat(32))).toBe(Decision.NOT_RECORD);
  });

  it('clamps the ratio and describes itself as the official sampler does', () => {
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
  it('builds each named sampler and passes a caller sampler through', () => {
    expect(createSampler({ name: 'parentbased_traceidratio', ratio: 0.01 }).toString()).toBe(new OfficialParentBased({ root: new TraceIdRatioBasedSampler(0.01) }).toString());
    expect(createSampler({ name: 'traceidratio', ratio: 0.5 }).toString()).toBe('TraceIdRatioBased{0.5}');
    expect(createSampler({ name: 'always_on', ratio: 1 })).toBeInstanceOf(AlwaysOnSampler);
    expect(createSampler({ name: 'always_off', ratio: 1 })).toBeInstanceOf(AlwaysOffSampler);
    expect(createSampler({ name: 'parentbased_always_off', ratio: 1 }).toString()).toContain('root=AlwaysOffSampler');
    const own = new OfficialAlwaysOn();
    expect(createSampler({ instance: own })).toBe(own);
  });
});
