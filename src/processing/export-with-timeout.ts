import { context, diag } from '@opentelemetry/api';
import { ExportResultCode } from '../sdk/export-result';
import type { ExportResult, ReadableSpan, SpanExporter } from '../sdk/sdk-types';
import { LOG_PREFIX } from '../config/warnings';
import { suppressTracing } from '../context/suppress-tracing';
import { lossesOf, type ExportLoss } from '../export/export-losses';

const EXPORT_SUCCESS = ExportResultCode.SUCCESS;

/**
 * Why spans of an export were lost, as the self-metrics' low-cardinality `error.type`: the
 * exporter reported failure, threw, never answered, or the collector rejected some of them.
 */
export type ExportFailure = 'export_failed' | 'exception' | 'timeout' | 'rejected';

/** What became of the spans of one export: how many were exported, and the others by cause. */
export interface ExportOutcome {
  exported: number;
  losses: readonly ExportLoss[];
  /** Set when spans were lost. */
  failure?: ExportFailure;
}

/** Cause of spans whose exporter did not call back in time. */
export function exportTimedOutCause(timeoutMillis: number): string {
  return `the export did not finish within exportTimeoutMillis ${timeoutMillis}`;
}

/**
 * Hands `spans` to `exporter` and resolves with what became of them: all exported on success
 * (less any the result names as lost), all lost with the exporter's reason when it reports failure
 * or throws, or with the timeout as cause when it has not called back within `timeoutMillis`.
 * Never rejects.
 *
 * The exporter is called synchronously (an in-memory exporter holds the spans as soon as this
 * returns) and with tracing suppressed, so its own network requests make no spans. The timeout
 * timer is unref'd and is only created when the exporter did not answer synchronously.
 */
export function exportWithTimeout(exporter: SpanExporter, spans: ReadableSpan[], timeoutMillis: number): Promise<ExportOutcome> {
  const count = spans.length;
  const lostAll = (cause: string, failure: ExportFailure): ExportOutcome => ({ exported: 0, losses: [{ spans: count, cause }], failure });
  return new Promise((resolve) => {
    const state: { settled: boolean; timer?: NodeJS.Timeout } = { settled: false };
    const settle = (outcome: ExportOutcome): void => {
      if (state.settled) return;
      state.settled = true;
      if (state.timer !== undefined) clearTimeout(state.timer);
      resolve(outcome);
    };
    try {
      context.with(suppressTracing(context.active()), () => {
        exporter.export(spans, (result: ExportResult) => {
          if (result.code !== EXPORT_SUCCESS) {
            const reason = result.error?.message ?? 'the exporter reported failure without a reason';
            diag.debug(`${LOG_PREFIX} export of ${count} spans failed: ${reason}`);
            settle(lostAll(reason, 'export_failed'));
            return;
          }
          const losses = lossesOf(result).filter((loss) => loss.spans > 0);
          const lost = Math.min(count, losses.reduce((sum, loss) => sum + loss.spans, 0));
          settle(lost === 0 ? { exported: count, losses } : { exported: count - lost, losses, failure: 'rejected' });
        });
      });
    } catch (error) {
      const reason = `the exporter threw: ${error instanceof Error ? error.message : String(error)}`;
      diag.debug(`${LOG_PREFIX} ${reason}`);
      settle(lostAll(reason, 'exception'));
    }
    if (state.settled) return;
    state.timer = setTimeout(() => {
      diag.debug(`${LOG_PREFIX} export of ${count} spans did not finish within ${timeoutMillis} ms`);
      settle(lostAll(exportTimedOutCause(timeoutMillis), 'timeout'));
    }, timeoutMillis);
    state.timer.unref();
  });
}
