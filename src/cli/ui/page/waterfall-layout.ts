/**
 * The waterfall's rows, computed without the DOM: spans in depth-first order under their parent
 * (siblings by start time), with depth, the extent of each subtree, the trace's time bounds and
 * the critical path.
 */
import type { ViewSpan } from '../../trace-model';
import { criticalPath } from './critical-path';

/** One row of the waterfall. */
export interface WaterfallRow {
  span: ViewSpan;
  depth: number;
  /** Index of the parent row, -1 for a top-level row. */
  parent: number;
  /** Index one past the last row of this span's subtree. */
  subtreeEnd: number;
  childCount: number;
  onCriticalPath: boolean;
}

/** Rows and bounds of one trace. */
export interface WaterfallLayout {
  rows: WaterfallRow[];
  /** Milliseconds since the epoch of the earliest start. */
  start: number;
  /** Milliseconds from the earliest start to the latest end (at least a microsecond). */
  duration: number;
  services: string[];
}

/** Lays out the spans of one trace. Spans whose parent is missing become top-level rows. */
export function layoutTrace(spans: readonly ViewSpan[]): WaterfallLayout {
  const byId = new Map<string, ViewSpan>();
  for (const span of spans) byId.set(span.spanId, span);
  const children = new Map<string, ViewSpan[]>();
  const roots: ViewSpan[] = [];
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  const services = new Set<string>();
  for (const span of spans) {
    start = Math.min(start, span.start);
    end = Math.max(end, span.end);
    services.add(span.resource.service);
    if (span.parentSpanId !== '' && span.parentSpanId !== span.spanId && byId.has(span.parentSpanId)) {
      let siblings = children.get(span.parentSpanId);
      if (siblings === undefined) children.set(span.parentSpanId, (siblings = []));
      siblings.push(span);
    } else roots.push(span);
  }
  const byStart = (a: ViewSpan, b: ViewSpan): number => a.start - b.start || a.end - b.end;
  roots.sort(byStart);
  for (const siblings of children.values()) siblings.sort(byStart);
  const critical = criticalPath(roots, children);

  const rows: WaterfallRow[] = [];
  const visited = new Set<string>();
  // Iterative depth-first walk: a 10,000-span chain must not overflow the stack.
  const stack: Array<{ span: ViewSpan; depth: number; parent: number; enter: boolean; index: number }> = [];
  for (let index = roots.length - 1; index >= 0; index--) stack.push({ span: roots[index] as ViewSpan, depth: 0, parent: -1, enter: true, index: -1 });
  while (stack.length > 0) {
    const item = stack.pop() as (typeof stack)[number];
    if (!item.enter) {
      (rows[item.index] as WaterfallRow).subtreeEnd = rows.length;
      continue;
    }
    if (visited.has(item.span.spanId)) continue;
    visited.add(item.span.spanId);
    const kids = children.get(item.span.spanId) ?? [];
    const index = rows.length;
    rows.push({ span: item.span, depth: item.depth, parent: item.parent, subtreeEnd: index + 1, childCount: kids.length, onCriticalPath: critical.has(item.span.spanId) });
    stack.push({ ...item, enter: false, index });
    for (let kid = kids.length - 1; kid >= 0; kid--) stack.push({ span: kids[kid] as ViewSpan, depth: item.depth + 1, parent: index, enter: true, index: -1 });
  }
  const startMillis = Number.isFinite(start) ? start : 0;
  return { rows, start: startMillis, duration: Math.max(0.001, (Number.isFinite(end) ? end : 0) - startMillis), services: [...services].sort() };
}

/** Indexes of the rows shown when the rows in `collapsed` hide their subtrees. */
export function visibleRows(layout: WaterfallLayout, collapsed: ReadonlySet<number>): number[] {
  const visible: number[] = [];
  for (let index = 0; index < layout.rows.length; ) {
    visible.push(index);
    index = collapsed.has(index) ? (layout.rows[index] as WaterfallRow).subtreeEnd : index + 1;
  }
  return visible;
}
