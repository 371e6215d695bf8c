import type { ExportResult } from '../sdk/sdk-types';

/** Spans of one export that did not reach the backend, and why. */
export interface ExportLoss {
  spans: number;
  /** Short cause, e.g. `HTTP 413 for a single span` or `rejected by the collector (partial success): bad ids`. */
  cause: string;
}

/**
 * An export result that also names spans lost although the export as a whole succeeded (the
 * collector rejected some of them, or a batch split after HTTP 413 lost a part). The package's own
 * exporters report these; any other exporter's results are plain {@link ExportResult}s.
 */
export interface ExportResultWithLosses extends ExportResult {
  losses?: readonly ExportLoss[];
}

/** The losses a result names, or none. */
export function lossesOf(result: ExportResult): readonly ExportLoss[] {
  const losses = (result as ExportResultWithLosses).losses;
  return Array.isArray(losses) ? (losses as readonly ExportLoss[]) : [];
}
