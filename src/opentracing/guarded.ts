import { diag } from '@opentelemetry/api';
import { LOG_PREFIX } from '../config/warnings';

/**
 * Runs one OpenTracing call's work; whatever the arguments do (throwing getters, hostile
 * carriers, a throwing OpenTelemetry tracer), nothing is thrown into the application.
 */
export function guarded<T>(fallback: T, work: () => T): T {
  try {
    return work();
  } catch (error) {
    diag.debug(`${LOG_PREFIX} OpenTracing bridge call failed: ${error instanceof Error ? error.message : String(error)}`);
    return fallback;
  }
}

/** A plain key/value object (tags, log fields, options). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
