import { context, diag } from '@opentelemetry/api';
import { ExportResultCode } from '../sdk/export-result';
import type { ExportResult, ReadableSpan, SpanExporter } from '../sdk/sdk-types';
import { LOG_PREFIX } from '../config/warnings';
import { suppressTracing } from '../context/suppress-tracing';

const EXPORT_SUCCESS = ExportResultCode.SUCCESS;

/**
 * Hands `spans` to `exporter` and resolves `true` when it reports success, or `false` when it
 * reports failure, throws, or has not called back within `timeoutMillis`. Never rejects.
 *
 * The exporter is called synchronously (an in-memory exporter holds the spans as soon as this
 * returns) and with tracing suppressed, so its own network requests make no spans. The timeout
 * timer is unref'd and is only created when the exporter did not answer synchronously.
 */
export function exportWithTimeout(exporter: SpanExporter, spans: ReadableSpan[], timeoutMillis: number): Promise<boolean> {
  return new Promise((resolve) => {
    const state: { settled: boolean; timer?: NodeJS.Timeout } = { settled: false };
    const settle = (ok: boolean): void => {
      if (state.settled) return;
      state.settled = true;
      if (state.timer !== undefined) clearTimeout(state.timer);
      resolve(ok);
    };
    try {
      context.with(suppressTracing(context.active()), () => {
        exporter.export(spans, (result: ExportResult) => {
          if (result.code !== EXPORT_SUCCESS) diag.debug(`${LOG_PREFIX} export of ${spans.length} spans failed: ${result.error?.message ?? 'no reason given'}`);
          settle(result.code === EXPORT_SUCCESS);
        });
      });
    } catch (error) {
      diag.debug(`${LOG_PREFIX} exporter threw: ${error instanceof Error ? error.message : String(error)}`);
      settle(false);
    }
    if (state.settled) return;
    state.timer = setTimeout(() => {
      diag.debug(`${LOG_PREFIX} export of ${spans.length} spans did not finish within ${timeoutMillis} ms`);
      settle(false);
    }, timeoutMillis);
    state.timer.unref();
  });
}
