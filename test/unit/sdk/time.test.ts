import { performance } from 'node:perf_hooks';
import { hrTime as officialHrTime, timeInputToHrTime } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { hrTimeDuration, isTimeInput, millisToHrTime, nowHrTime, performanceToHrTime, toHrTime } from '../../../src/sdk/time';

const nanos = ([seconds, fraction]: [number, number]): bigint => BigInt(seconds) * 1_000_000_000n + BigInt(fraction);

describe('time', () => {
  it('converts every kind of time input as the official SDK does', () => {
    const inputs = [new Date(1_700_000_000_123), 1_700_000_000_123.456, 0, 12.345678, 999.9999999, [5, 6] as [number, number]];
    for (const input of inputs) {
      const difference = nanos(toHrTime(input)) - nanos(timeInputToHrTime(input));
      expect(difference >= -1n && difference <= 1n, String(input)).toBe(true);
    }
  });

  it('keeps performance readings on the process time origin', () => {
    for (const reading of [0, 1.5, 999.999999, 123_456.789]) {
      const difference = nanos(performanceToHrTime(reading)) - nanos(officialHrTime(reading));
      expect(difference >= -1n && difference <= 1n).toBe(true);
    }
    expect(millisToHrTime(1_700_000_000_123)).toEqual([1_700_000_000, 123_000_000]);
  });

  it('reads the clock as epoch time that never goes backwards', () => {
    const readings = Array.from({ length: 100 }, nowHrTime);
    for (let index = 1; index < readings.length; index++) expect(nanos(readings[index]!) >= nanos(readings[index - 1]!)).toBe(true);
    const before = performance.now();
    const now = nowHrTime();
    const after = performance.now();
    expect(nanos(now) >= nanos(performanceToHrTime(before)) && nanos(now) <= nanos(performanceToHrTime(after))).toBe(true);
    expect(readings.every(([, fraction]) => fraction >= 0 && fraction < 1_000_000_000)).toBe(true);
  });

  it('subtracts with a borrow and recognises time inputs', () => {
    expect(hrTimeDuration([10, 900], [12, 100])).toEqual([1, 999_999_200]);
    expect(hrTimeDuration([10, 0], [9, 0])[0]).toBeLessThan(0);
    expect([0, new Date(), [1, 2]].every(isTimeInput)).toBe(true);
    expect(['1', {}, [1], [1, '2'], undefined].some(isTimeInput)).toBe(false);
  });
});
