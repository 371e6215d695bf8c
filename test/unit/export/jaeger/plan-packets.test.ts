import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planPackets, type Sized } from '../../../../src/export/jaeger/plan-packets';

interface Item extends Sized {
  id: number;
}

const items = (...sizes: Array<number | undefined>): Item[] => sizes.map((bytes, id) => ({ id, bytes }));
const ids = (groups: Item[][]): number[][] => groups.map((group) => group.map((item) => item.id));

describe('planPackets', () => {
  it('fills each packet up to the budget, exact fits included, in the original order', () => {
    const plan = planPackets(items(40, 60, 30, 30, 40, 100), 100);
    expect(ids(plan.packets)).toEqual([[0, 1], [2, 3, 4], [5]]);
    expect(plan.oversize).toEqual([]);
  });

  it('drops items larger than the budget on their own and keeps packing around them', () => {
    const plan = planPackets(items(50, 101, 40, 1_000, 10), 100);
    expect(ids(plan.packets)).toEqual([[0, 2, 4]]);
    expect(plan.oversize.map((item) => item.id)).toEqual([1, 3]);
  });

  it('sends an item of unknown size alone so it cannot fail the others', () => {
    const plan = planPackets(items(10, undefined, 10, 10), 100);
    expect(ids(plan.packets)).toEqual([[0], [1], [2, 3]]);
  });

  it('plans nothing for an empty batch', () => {
    expect(planPackets([], 100)).toEqual({ packets: [], oversize: [] });
  });

  it('keeps every packet within the budget and loses or repeats no item', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 300 }), { maxLength: 200 }), fc.integer({ min: 1, max: 250 }), (sizes, budget) => {
        const plan = planPackets(items(...sizes), budget);
        for (const packet of plan.packets) {
          expect(packet.length).toBeGreaterThan(0);
          expect(packet.reduce((sum, item) => sum + (item.bytes ?? 0), 0)).toBeLessThanOrEqual(budget);
        }
        expect(plan.oversize.every((item) => (item.bytes ?? 0) > budget)).toBe(true);
        const sent = plan.packets.flat().map((item) => item.id);
        expect(sent).toEqual([...sent].sort((a, b) => a - b));
        expect([...sent, ...plan.oversize.map((item) => item.id)].sort((a, b) => a - b)).toEqual(sizes.map((_, id) => id));
      }),
      { numRuns: 200 },
    );
  });
});
