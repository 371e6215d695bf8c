import { LOG_PREFIX } from '../config/warnings';

/** Spans lost during one reporting period, by cause, with the settings that bound them. */
export interface SpanLossSummary {
  /** Spans refused because the export queue was full. */
  dropped: number;
  /** Spans whose export failed, threw or timed out. */
  failed: number;
  /** Length of the period the counts cover. */
  periodMillis: number;
  maxQueueSize: number;
  exportTimeoutMillis: number;
}

/**
 * The one aggregated warning about lost spans, e.g. `otel-bootstrap: 1234 spans dropped in the
 * last 10 s because the export queue was full (maxQueueSize 2048); 512 spans lost because
 * exports failed or timed out (exportTimeoutMillis 30000). ...`. Causes with a zero count are left out.
 */
export function droppedSpansWarning(summary: SpanLossSummary): string {
  const period = `in the last ${Math.max(1, Math.round(summary.periodMillis / 1000))} s`;
  const causes: string[] = [];
  if (summary.dropped > 0) {
    causes.push(`${spanCount(summary.dropped)} dropped ${period} because the export queue was full (maxQueueSize ${summary.maxQueueSize})`);
  }
  if (summary.failed > 0) {
    const when = causes.length === 0 ? ` ${period}` : '';
    causes.push(`${spanCount(summary.failed)} lost${when} because exports failed or timed out (exportTimeoutMillis ${summary.exportTimeoutMillis})`);
  }
  return `${LOG_PREFIX} ${causes.join('; ')}. The collector may be down or slow; spans are kept again once it recovers.`;
}

function spanCount(count: number): string {
  return count === 1 ? '1 span' : `${count} spans`;
}
