import { describe, expect, it } from 'vitest';
import { layoutTrace, visibleRows } from '../../../src/cli/ui/page/waterfall-layout';
import { span } from './view-span-fixture';

describe('waterfall layout', () => {
  it('orders rows depth first under their parents, siblings by start, with depths', () => {
    const root = span(1, { name: 'root', start: 0, end: 100 });
    const late = span(1, { name: 'late', parentSpanId: root.spanId, start: 60, end: 90 });
    const early = span(1, { name: 'early', parentSpanId: root.spanId, start: 10, end: 50 });
    const grandchild = span(1, { name: 'grandchild', parentSpanId: early.spanId, start: 20, end: 30 });
    const orphan = span(1, { name: 'orphan', parentSpanId: 'ffffffffffffffff', start: 5, end: 6 });
    const layout = layoutTrace([late, grandchild, orphan, root, early]);
    expect(layout.rows.map((row) => [row.span.name, row.depth])).toEqual([
      ['root', 0],
      ['early', 1],
      ['grandchild', 2],
      ['late', 1],
      ['orphan', 0],
    ]);
    expect(layout.rows[1]).toMatchObject({ parent: 0, subtreeEnd: 3, childCount: 1 });
    expect(layout).toMatchObject({ start: 0, duration: 100 });
    expect(visibleRows(layout, new Set([1]))).toEqual([0, 1, 3, 4]);
    expect(visibleRows(layout, new Set([0]))).toEqual([0, 4]);
  });

  it('marks the critical path: sequential children are on it, a parallel child that ended earlier is not', () => {
    const root = span(2, { name: 'root', start: 0, end: 100 });
    const first = span(2, { name: 'first', parentSpanId: root.spanId, start: 0, end: 40 });
    const parallel = span(2, { name: 'parallel', parentSpanId: root.spanId, start: 45, end: 60 });
    const last = span(2, { name: 'last', parentSpanId: root.spanId, start: 45, end: 95 });
    const layout = layoutTrace([root, first, parallel, last]);
    const critical = layout.rows.filter((row) => row.onCriticalPath).map((row) => row.span.name);
    expect(critical.sort()).toEqual(['first', 'last', 'root']);
  });

  it('lays out a 10,000-span chain without recursion limits', () => {
    const spans = [span(3, { start: 0, end: 10_000 })];
    for (let index = 1; index < 10_000; index++) spans.push(span(3, { parentSpanId: (spans[index - 1] as (typeof spans)[number]).spanId, start: index, end: 10_000 - index }));
    const layout = layoutTrace(spans);
    expect(layout.rows).toHaveLength(10_000);
    expect(layout.rows[9_999]?.depth).toBe(9_999);
  });
});
