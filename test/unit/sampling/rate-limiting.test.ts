import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { RateLimitingSampler } from '../../../src/sampling/rate-limiting-sampler';
import { TokenBucket } from '../../../src/sampling/token-bucket';
import { Decision } from '../../../src/sdk/samplers/sampling-decision';
import { W3CTraceState } from '../../../src/propagation/w3c/trace-state';

/** A clock the test moves by hand, in milliseconds. */
function fakeClock(start = 1_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

const TRACE_ID = 'a'.repeat(32);
const decide = (sampler: RateLimitingSampler) => sampler.decide(undefined, TRACE_ID, 'span', SpanKind.SERVER, undefined);

describe('RateLimitingSampler', () => {
  it('keeps 90 to 110 of 20,000 requests spread over 10 s at a limit of 10/s', () => {
    const clock = fakeClock();
    const sampler = new RateLimitingSampler(10, clock.now);
    let kept = 0;
    // 2,000 requests per second, one every 0.5 ms, for 10 s.
    for (let request = 0; request < 20_000; request++) {
      if (decide(sampler) === Decision.RECORD_AND_SAMPLED) kept++;
      clock.advance(0.5);
    }
    // The full bucket (10) plus 10 per second for just under 10 s.
    expect(kept).toBeGreaterThanOrEqual(90);
    expect(kept).toBeLessThanOrEqual(110);
    expect(kept).toBe(109);
  });

  it('is smooth: after the first burst, kept traces are spaced by 1 / rate, with no second burst at a window edge', () => {
    const clock = fakeClock();
    const sampler = new RateLimitingSampler(4, clock.now);
    const keptAt: number[] = [];
    for (let step = 0; step < 4000; step++) {
      if (decide(sampler) === Decision.RECORD_AND_SAMPLED) keptAt.push(step);
      clock.advance(1);
    }
    // Burst of 4 at start, then one every 250 ms.
    expect(keptAt.slice(0, 4)).toEqual([0, 1, 2, 3]);
    const gaps = keptAt.slice(4).map((at, index) => at - (keptAt[index + 3] as number));
    expect(new Set(gaps.slice(1))).toEqual(new Set([250]));
    // No 1-second window ever holds more than burst + rate.
    for (let start = 0; start < 3000; start += 1) expect(keptAt.filter((at) => at >= start && at < start + 1000).length).toBeLessThanOrEqual(8);
  });

  it('many callers at the same instant share one balance (concurrent requests cannot overspend)', () => {
    const clock = fakeClock();
    const sampler = new RateLimitingSampler(3, clock.now);
    const burst = Array.from({ length: 100 }, () => decide(sampler)).filter((decision) => decision === Decision.RECORD_AND_SAMPLED);
    expect(burst).toHaveLength(3);
    clock.advance(1000);
    expect(Array.from({ length: 100 }, () => decide(sampler)).filter((decision) => decision === Decision.RECORD_AND_SAMPLED)).toHaveLength(3);
  });

  it('a rate below one keeps one trace every 1 / rate seconds (burst of 1)', () => {
    const clock = fakeClock();
    const sampler = new RateLimitingSampler(0.5, clock.now);
    const kept: number[] = [];
    for (let second = 0; second < 10; second++) {
      for (let call = 0; call < 50; call++) if (decide(sampler) === Decision.RECORD_AND_SAMPLED) kept.push(second);
      clock.advance(1000);
    }
    expect(kept).toEqual([0, 2, 4, 6, 8]);
  });

  it('keeps nothing at 0, negative or non-numeric limits, and a clock going backwards adds nothing', () => {
    const clock = fakeClock();
    for (const limit of [0, -5, Number.NaN]) {
      const sampler = new RateLimitingSampler(limit, clock.now);
      clock.advance(10_000);
      expect(decide(sampler)).toBe(Decision.NOT_RECORD);
    }
    const bucket = new TokenBucket(1, 1, clock.now);
    expect(bucket.take()).toBe(true);
    clock.advance(-5000);
    expect(bucket.take()).toBe(false);
  });

  it('marks kept spans with its type and limit and removes an inherited th', () => {
    const sampler = new RateLimitingSampler(7);
    expect(sampler.note(undefined).attributes).toEqual({ 'sampler.type': 'ratelimiting', 'sampler.param': 7 });
    expect(sampler.note(undefined).traceState).toBeUndefined();
    const traceState = W3CTraceState.parse('ot=th:8;rv:00000000000001,other=1');
    const note = sampler.note({ traceId: TRACE_ID, spanId: 'b'.repeat(16), traceFlags: 0, isRemote: true, traceState });
    expect(note.traceState?.get('ot')).toBe('rv:00000000000001');
    expect(note.traceState?.get('other')).toBe('1');
    expect(sampler.toString()).toBe('RateLimitingSampler{7}');
  });

  it('keeps the earned balance in proportion when the rate changes', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(10, 10, clock.now);
    for (let index = 0; index < 5; index++) expect(bucket.take()).toBe(true);
    bucket.update(2, 2);
    // Half full stays half full: 1 of 2.
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    clock.advance(500);
    expect(bucket.take()).toBe(true);
  });
});
