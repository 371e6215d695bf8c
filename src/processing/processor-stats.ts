import type { SpanExporter } from '../sdk/sdk-types';
import type { ExportTelemetry } from './span-accounting';

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

/** What a processor reports to the self-metrics (`otel.sdk.processor.*`, `otel.sdk.exporter.*`). */
export interface ProcessorTelemetry extends ExportTelemetry {
  componentType: 'batching_span_processor' | 'simple_span_processor';
  exporter: SpanExporter;
  /** Spans waiting in the queue; undefined for a processor without one. */
  queueSize: number | undefined;
  queueCapacity: number | undefined;
}
