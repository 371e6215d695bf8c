import type { ExportResult, ExportResultCode as CoreExportResultCode } from '@opentelemetry/core';

/**
 * Export result codes by value, without loading `@opentelemetry/core`: its enum is used as a type
 * only, and these are its numbers, which every `SpanExporter` reports to its processor.
 */
export const ExportResultCode = {
  /** The spans were exported. */
  SUCCESS: 0 as CoreExportResultCode.SUCCESS,
  /** The spans could not be exported. */
  FAILED: 1 as CoreExportResultCode.FAILED,
} as const;

export type { ExportResult };
