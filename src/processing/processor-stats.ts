/**
 * Counters of one exporting span processor, for tests and benchmarks. Internal: not part of the
 * public API.
 */
export interface ProcessorStats {
  /** Spans waiting for an export right now. */
  queued: number;
  /** Exports handed to the exporter that have not finished yet. */
  exportsInFlight: number;
  /** Spans the exporter reported as exported. */
  exported: number;
  /** Spans refused because the queue was full. */
  dropped: number;
  /** Spans whose export failed, threw or timed out. */
  failed: number;
}
