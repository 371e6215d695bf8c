import { diag } from '@opentelemetry/api';
import type { SpanExporter } from '../sdk/sdk-types';
import { LOG_PREFIX } from '../config/warnings';
import { settleWithin } from '../lifecycle/deadline';

/**
 * Shuts `exporter` down, waiting at most `timeoutMillis`: an exporter still retrying requests a
 * processor already gave up on must not hold up the shutdown of the whole provider. Never rejects.
 */
export async function shutdownExporter(exporter: SpanExporter, timeoutMillis: number): Promise<void> {
  let stopped: Promise<void>;
  try {
    stopped = exporter.shutdown();
  } catch (error) {
    stopped = Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  stopped.catch((error: unknown) => diag.debug(`${LOG_PREFIX} exporter shutdown failed: ${error instanceof Error ? error.message : String(error)}`));
  const outcome = await settleWithin(stopped, timeoutMillis);
  if (outcome === 'timed out') diag.debug(`${LOG_PREFIX} exporter shutdown did not finish within ${timeoutMillis} ms; it was left behind`);
}
