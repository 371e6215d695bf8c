import { context, diag } from '@opentelemetry/api';
import { ExportResultCode } from '../sdk/export-result';
import type { ExportResult, ReadableSpan, SpanExporter } from '../sdk/sdk-types';
import { LOG_PREFIX } from '../config/warnings';
import { suppressTracing } from '../context/suppress-tracing';

const EXPORT_SUCCESS = ExportResultCode.SUCCESS;

/** Why an export failed, as the self-metrics' `error.type`: the exporter said so, threw, or never answered. */
export type ExportFailure = 'export_failed' | 'exception' | 'timeout';

/**
 * Hands `spans` to `exporter` and resolves `undefined` when it reports success, or the cause when
 * it reports failure, throws, or has not called back within `timeoutMillis`. Never rejects.
 *
 * The exporter is called synchronously (an in-memory exporter holds the spans as soon as this
 * returns) and with tracing suppressed, so its own network requests make no spans. The timeout
 * timer is unref'd and is only created when the exporter did not answer synchronously.
 */
export function exportWithTimeout(exporter: SpanExporter, spans: ReadableSpan[], timeoutMillis: number): Promise<ExportFailure | undefined> {
  return new Promise((resolve) => {
    const state: { settled: boolean; timer?: NodeJS.Timeout } = { settled: false };
    const settle = (failure: ExportFailure | undefined): void => {
      if (state.settled) return;
      state.settled = true;
      if (state.timer !== undefined) clearTimeout(state.timer);
      resolve(failure);
    };
    try {
      context.with(suppressTracing(context.active()), () => {
        exporter.export(spans, (result: ExportResult) => {
          if (result.code !== EXPORT_SUCCESS) diag.debug(`${LOG_PREFIX} export of ${spans.length} spans failed: ${result.error?.message ?? 'no reason given'}`);
          settle(result.code === EXPORT_SUCCESS ? undefined : 'export_failed');
        });
      });
    } catch (error) {
      diag.debug(`${LOG_PREFIX} exporter threw: ${error instanceof Error ? error.message : String(error)}`);
      settle('exception');
    }
    if (state.settled) return;
    state.timer = setTimeout(() => {
      diag.debug(`${LOG_PREFIX} export of ${spans.length} spans did not finish within ${timeoutMillis} ms`);
      settle('timeout');
    }, timeoutMillis);
    state.timer.unref();
  });
}
