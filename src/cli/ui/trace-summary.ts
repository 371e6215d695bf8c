/** Trace list lines and their filters, shared by the `ui` server and the web page. */
import type { TraceSummary, ViewSpan } from '../trace-model';

/** Filters of the trace list; every one given must match. */
export interface TraceFilter {
  /** A service that took part in the trace. */
  service?: string;
  /** Text contained in the name of any span (case-insensitive). */
  name?: string;
  /** `key` (present on any span) or `key=value` (equal as text). */
  attribute?: string;
  /** Traces at least this long, in milliseconds. */
  minDurationMillis?: number;
}

/** The list line of one trace. */
export function summarize(traceId: string, spans: readonly ViewSpan[]): TraceSummary {
  const ids = new Set(spans.map((span) => span.spanId));
  let root: ViewSpan | undefined;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let errorCount = 0;
  const services = new Set<string>();
  for (const span of spans) {
    start = Math.min(start, span.start);
    end = Math.max(end, span.end);
    if (span.status.code === 2) errorCount++;
    services.add(span.resource.service);
    const isRoot = span.parentSpanId === '' || !ids.has(span.parentSpanId);
    if (isRoot && (root === undefined || rootRank(span) < rootRank(root) || (rootRank(span) === rootRank(root) && span.start < root.start))) root = span;
  }
  return {
    traceId,
    rootService: root?.resource.service ?? '',
    rootName: root?.name ?? '',
    start: Number.isFinite(start) ? start : 0,
    durationMillis: Number.isFinite(end - start) ? Math.max(0, end - start) : 0,
    spanCount: spans.length,
    errorCount,
    services: [...services].sort(),
  };
}

/** A true root (no parent at all) ranks before a span whose parent is missing. */
function rootRank(span: ViewSpan): number {
  return span.parentSpanId === '' ? 0 : 1;
}

/** Whether a trace passes every filter given. */
export function matchesFilter(summary: TraceSummary, spans: readonly ViewSpan[], filter: TraceFilter): boolean {
  if (filter.service !== undefined && filter.service !== '' && !summary.services.includes(filter.service)) return false;
  if (filter.minDurationMillis !== undefined && summary.durationMillis < filter.minDurationMillis) return false;
  if (filter.name !== undefined && filter.name !== '') {
    const needle = filter.name.toLowerCase();
    if (!spans.some((span) => span.name.toLowerCase().includes(needle))) return false;
  }
  if (filter.attribute !== undefined && filter.attribute !== '') {
    const separator = filter.attribute.indexOf('=');
    const key = separator < 0 ? filter.attribute : filter.attribute.slice(0, separator);
    const value = separator < 0 ? undefined : filter.attribute.slice(separator + 1);
    const has = (span: ViewSpan): boolean =>
      key in span.attributes && (value === undefined || valueText(span.attributes[key]) === value) ||
      key in span.resource.attributes && (value === undefined || valueText(span.resource.attributes[key]) === value);
    if (!spans.some(has)) return false;
  }
  return true;
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
