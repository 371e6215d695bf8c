/**
 * The critical path of a trace: the spans whose own work or waiting decided when the trace ended.
 * From the end of a span, walk back in time: the child that finished last before the current
 * point is on the path (and its own critical path with it); the point then moves to that child's
 * start, and so on until the span's start. Children running in parallel that finished earlier do
 * not delay the parent and are left off.
 */
import type { ViewSpan } from '../../trace-model';

/** Span ids on the critical path of each top-level span. */
export function criticalPath(roots: readonly ViewSpan[], children: ReadonlyMap<string, readonly ViewSpan[]>): Set<string> {
  const onPath = new Set<string>();
  const pending: ViewSpan[] = [...roots];
  while (pending.length > 0) {
    const span = pending.pop() as ViewSpan;
    if (onPath.has(span.spanId)) continue;
    onPath.add(span.spanId);
    const kids = [...(children.get(span.spanId) ?? [])].sort((a, b) => b.end - a.end);
    let cursor = span.end;
    for (const kid of kids) {
      if (kid.end <= cursor + 1e-9 && kid.end > span.start - 1e-9) {
        pending.push(kid);
        cursor = kid.start;
        if (cursor <= span.start) break;
      }
    }
    // A child that outlives its parent (async work) still ends the trace: follow the latest one.
    const latest = kids[0];
    if (latest !== undefined && latest.end > span.end) pending.push(latest);
  }
  return onPath;
}
