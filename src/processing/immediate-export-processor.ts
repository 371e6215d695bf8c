import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, SdkSpan, SpanExporter, SpanProcessor } from '../sdk/sdk-types';
import { DroppedSpanReporter } from './dropped-span-reporter';
import { performance } from 'node:perf_hooks';
import { exportWithTimeout } from './export-with-timeout';
import { isSampled } from './is-sampled';
import { shutdownExporter } from './shutdown-exporter';
import { SpanAccounting } from './span-accounting';
import type { ProcessorStats, ProcessorTelemetry } from './processor-stats';

/**
 * Settings of an {@link ImmediateExportProcessor}. `maxQueueSize` bounds the spans whose export has
 * not finished yet, so a slow exporter cannot make memory grow without limit.
 */
export interface ImmediateExportSettings {
  maxQueueSize: number;
  exportTimeoutMillis: number;
}

/**
 * Exports each sampled span as soon as it ends, one export per span, for console and in-memory
 * exporters where output should appear at once. Each export is bounded by `exportTimeoutMillis`;
 * a span ended while `maxQueueSize` exports are unfinished is dropped and counted. Nothing the
 * exporter does reaches the caller of `onEnd`.
 */
export class ImmediateExportProcessor implements SpanProcessor {
  readonly #exporter: SpanExporter;
  readonly #settings: ImmediateExportSettings;
  readonly #accounting: SpanAccounting;
  readonly #pending = new Set<Promise<void>>();
  #stopping = false;
  #shutdown: Promise<void> | undefined;

  constructor(exporter: SpanExporter, settings: ImmediateExportSettings, reporter?: DroppedSpanReporter) {
    this.#exporter = exporter;
    this.#settings = settings;
    this.#accounting = new SpanAccounting(reporter ?? new DroppedSpanReporter(settings));
  }

  onStart(_span: SdkSpan, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    if (this.#stopping || !isSampled(span)) return;
    if (this.#pending.size >= this.#settings.maxQueueSize) {
      this.#accounting.dropped();
      return;
    }
    this.#accounting.passed(1);
    const started = performance.now();
    const exported: Promise<void> = exportWithTimeout(this.#exporter, [span], this.#settings.exportTimeoutMillis).then((outcome) => {
      this.#pending.delete(exported);
      this.#accounting.settled(outcome, 1, (performance.now() - started) / 1000);
    });
    this.#pending.add(exported);
  }

  /**
   * Waits for the exports in flight, flushes the exporter (a console tree prints open traces) and
   * reports pending losses at once.
   */
  async forceFlush(): Promise<void> {
    if (this.#shutdown !== undefined) return this.#shutdown;
    await this.#settlePending();
    this.#accounting.reportNow();
    await this.#exporter.forceFlush?.();
  }

  /**
   * Stops taking spans, waits for exports in flight, reports and shuts the exporter down (waiting
   * for it at most `exportTimeoutMillis`). Never rejects; later calls return the same promise.
   */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.#stop();
    return this.#shutdown;
  }

  /** Current counters. Internal: for tests and benchmarks. */
  stats(): ProcessorStats {
    return { queued: 0, exportsInFlight: this.#pending.size, ...this.#accounting.totals() };
  }

  /** The processor's self-metrics (it has no queue: unfinished exports are bounded instead). */
  telemetry(): ProcessorTelemetry {
    return { componentType: 'simple_span_processor', exporter: this.#exporter, queueSize: undefined, queueCapacity: undefined, ...this.#accounting.telemetry() };
  }

  async #stop(): Promise<void> {
    this.#stopping = true;
    await this.#settlePending();
    this.#accounting.reportNow();
    await shutdownExporter(this.#exporter, this.#settings.exportTimeoutMillis);
  }

  async #settlePending(): Promise<void> {
    await Promise.all([...this.#pending]);
  }
}
