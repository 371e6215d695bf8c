import { describe, expect, it } from 'vitest';
import { randomSpanId, randomTraceId } from '../../../src/sdk/ids';

function digitCounts(ids: string[]): number[] {
  const counts = new Array<number>(16).fill(0);
  for (const id of ids) for (const char of id) counts[Number.parseInt(char, 16)]! += 1;
  return counts;
}

describe('ids', () => {
  it('makes 32 and 16 lowercase hex characters, never all zeros, without repeats', () => {
    // Enough draws to cross several refills of the random pool.
    const traceIds = Array.from({ length: 5000 }, randomTraceId);
    const spanIds = Array.from({ length: 5000 }, randomSpanId);
    expect(traceIds.every((id) => /^[0-9a-f]{32}$/.test(id) && id !== '0'.repeat(32))).toBe(true);
    expect(spanIds.every((id) => /^[0-9a-f]{16}$/.test(id) && id !== '0'.repeat(16))).toBe(true);
    expect(new Set(traceIds).size).toBe(traceIds.length);
    expect(new Set(spanIds).size).toBe(spanIds.length);
  });

  it('spreads hex digits evenly', () => {
    const counts = digitCounts(Array.from({ length: 10_000 }, randomTraceId));
    // 320,000 digits: 20,000 expected per digit, standard deviation ~137; 1,000 is over 7 of them.
    for (const count of counts) expect(Math.abs(count - 20_000)).toBeLessThan(1000);
  });
});
