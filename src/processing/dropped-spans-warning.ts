import { LOG_PREFIX } from '../config/warnings';
import type { ExportLoss } from '../export/export-losses';

/** Spans lost during one reporting period, by cause, with the queue bound. */
export interface SpanLossSummary {
  /** Spans refused because the export queue was full. */
  dropped: number;
  /** Spans lost in export, by cause (failed, timed out, rejected by the collector). */
  lost: readonly ExportLoss[];
  /** Length of the period the counts cover. */
  periodMillis: number;
  maxQueueSize: number;
}

/** Causes listed at most in one warning; the rest are counted together. */
const MAX_CAUSES = 3;

/**
 * The one aggregated warning about lost spans, e.g. `otel-bootstrap: 1234 spans dropped in the
 * last 10 s because the export queue was full (maxQueueSize 2048); 512 spans lost in export:
 * 500 (OTLP export failed: ECONNREFUSED after 5 attempts), 12 (rejected by the collector (partial
 * success: invalid span id)). ...`. Causes with a zero count are left out; the most frequent first.
 */
export function droppedSpansWarning(summary: SpanLossSummary): string {
  const period = `in the last ${Math.max(1, Math.round(summary.periodMillis / 1000))} s`;
  const causes: string[] = [];
  if (summary.dropped > 0) {
    causes.push(`${spanCount(summary.dropped)} dropped ${period} because the export queue was full (maxQueueSize ${summary.maxQueueSize})`);
  }
  const lost = summary.lost.filter((loss) => loss.spans > 0).sort((a, b) => b.spans - a.spans);
  const lostTotal = lost.reduce((sum, loss) => sum + loss.spans, 0);
  if (lostTotal > 0) {
    const when = causes.length === 0 ? ` ${period}` : '';
    const listed = lost.slice(0, MAX_CAUSES).map((loss) => `${loss.spans} (${loss.cause})`);
    const others = lost.slice(MAX_CAUSES).reduce((sum, loss) => sum + loss.spans, 0);
    if (others > 0) listed.push(`${others} (other causes)`);
    causes.push(`${spanCount(lostTotal)} lost${when} in export: ${listed.join(', ')}`);
  }
  return `${LOG_PREFIX} ${causes.join('; ')}. Spans are kept again once the collector accepts them.`;
}

function spanCount(count: number): string {
  return count === 1 ? '1 span' : `${count} spans`;
}
