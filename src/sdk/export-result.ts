import type { ExportResult, ExportResultCodeValue } from './sdk-types';

/**
 * Export result codes by value: the numbers of `ExportResultCode` in `@opentelemetry/core`, which
 * every `SpanExporter` reports to its processor.
 */
export const ExportResultCode = {
  /** The spans were exported. */
  SUCCESS: 0,
  /** The spans could not be exported. */
  FAILED: 1,
} as const satisfies Record<string, ExportResultCodeValue>;

export type { ExportResult };
