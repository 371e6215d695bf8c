import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, SdkSpan, SpanExporter, SpanProcessor } from '../sdk/sdk-types';
import type { ResolvedConfig } from '../config/options';
import { DroppedSpanReporter } from './dropped-span-reporter';
import { performance } from 'node:perf_hooks';
import { exportWithTimeout, type ExportOutcome } from './export-with-timeout';
import { isSampled } from './is-sampled';
import { shutdownExporter } from './shutdown-exporter';
import { SpanAccounting } from './span-accounting';
import type { ProcessorStats, ProcessorTelemetry } from './processor-stats';

/**
 * Most exports one batch processor keeps in flight. Two lets a full batch leave while a slow export
 * is still out, and bounds memory to `maxQueueSize + 2 * maxExportBatchSize` spans.
 */
export const MAX_EXPORTS_IN_FLIGHT = 2;

/** Settings of a {@link BoundedBatchProcessor}: the resolved batch tuning. */
export type BatchSettings = ResolvedConfig['batch'];

interface FlushWaiter {
  /** Resolve once every span with a sequence number below this one is exported or has failed. */
  through: number;
  resolve: () => void;
}

/**
 * Batches sampled spans for a (usually network) exporter with bounded memory.
 *
 * - The queue holds at most `maxQueueSize` spans; a span ended while it is full is dropped and
 *   counted, and losses are reported by one aggregated warning per interval.
 * - A batch of at most `maxExportBatchSize` spans leaves when the queue holds a full batch, and
 *   everything queued leaves every `scheduledDelayMillis` (unref'd timer).
 * - At most {@link MAX_EXPORTS_IN_FLIGHT} exports run at once, each bounded by
 *   `exportTimeoutMillis`: an exporter that never calls back counts as failed after it.
 * - Nothing the exporter does reaches the caller of `onEnd`.
 *
 * Spans get sequence numbers in queue order, so a flush can wait for exactly the spans queued
 * before it, even while later batches finish first.
 */
export class BoundedBatchProcessor implements SpanProcessor {
  readonly #exporter: SpanExporter;
  readonly #settings: BatchSettings;
  readonly #accounting: SpanAccounting;
  #queue: ReadableSpan[] = [];
  /** Spans ever queued: the sequence number the next queued span gets. */
  #accepted = 0;
  /** Spans ever taken from the queue into an export: the queue holds sequence numbers `#taken` to `#accepted - 1`. */
  #taken = 0;
  /** Spans below this sequence number leave even in a partial batch (set by the timer and flushes). */
  #drainThrough = 0;
  /** First sequence number of each export in flight. */
  readonly #inFlight = new Set<number>();
  #waiters: FlushWaiter[] = [];
  #timer: NodeJS.Timeout | undefined;
  #stopping = false;
  #shutdown: Promise<void> | undefined;

  constructor(exporter: SpanExporter, settings: BatchSettings, reporter?: DroppedSpanReporter) {
    this.#exporter = exporter;
    this.#settings = settings;
    this.#accounting = new SpanAccounting(reporter ?? new DroppedSpanReporter(settings));
  }

  onStart(_span: SdkSpan, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    if (this.#stopping || !isSampled(span)) return;
    if (this.#queue.length >= this.#settings.maxQueueSize) {
      this.#accounting.dropped();
      return;
    }
    this.#queue.push(span);
    this.#accepted++;
    if (this.#queue.length >= this.#settings.maxExportBatchSize) this.#pump();
    else this.#scheduleExport();
  }

  /**
   * Resolves when every span queued before the call is exported or has failed (batch after batch),
   * then reports pending losses at once. Never rejects.
   */
  forceFlush(): Promise<void> {
    if (this.#shutdown !== undefined) return this.#shutdown;
    return this.#drain().then(() => this.#accounting.reportNow());
  }

  /**
   * Stops taking spans, flushes, reports pending losses and shuts the exporter down (waiting for it
   * at most `exportTimeoutMillis`). Never rejects; later calls return the same promise.
   */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.#stop();
    return this.#shutdown;
  }

  /** Current counters. Internal: for tests and benchmarks. */
  stats(): ProcessorStats {
    return { queued: this.#queue.length, exportsInFlight: this.#inFlight.size, ...this.#accounting.totals() };
  }

  /** The processor's self-metrics: queue size and capacity, and what became of its spans. */
  telemetry(): ProcessorTelemetry {
    return { componentType: 'batching_span_processor', exporter: this.#exporter, queueSize: this.#queue.length, queueCapacity: this.#settings.maxQueueSize, ...this.#accounting.telemetry() };
  }

  async #stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#drain();
    this.#accounting.reportNow();
    await shutdownExporter(this.#exporter, this.#settings.exportTimeoutMillis);
  }

  /** Starts exports while a slot is free and a full batch, or a batch that is due, is waiting. */
  #pump(): void {
    const { maxExportBatchSize, exportTimeoutMillis } = this.#settings;
    while (this.#inFlight.size < MAX_EXPORTS_IN_FLIGHT && this.#queue.length > 0) {
      const due = this.#taken < this.#drainThrough;
      if (!due && this.#queue.length < maxExportBatchSize) break;
      const spans = this.#queue.splice(0, maxExportBatchSize);
      const first = this.#taken;
      this.#taken += spans.length;
      this.#inFlight.add(first);
      this.#accounting.passed(spans.length);
      const started = performance.now();
      void exportWithTimeout(this.#exporter, spans, exportTimeoutMillis).then((outcome) => this.#settle(first, outcome, spans.length, (performance.now() - started) / 1000));
    }
    if (this.#queue.length > 0) this.#scheduleExport();
  }

  #settle(first: number, outcome: ExportOutcome, count: number, seconds: number): void {
    this.#inFlight.delete(first);
    this.#accounting.settled(outcome, count, seconds);
    this.#pump();
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!this.#settledBelow(waiter.through)) return true;
      waiter.resolve();
      return false;
    });
  }

  /** Whether every span with a sequence number below `through` has left the queue and finished exporting. */
  #settledBelow(through: number): boolean {
    if (this.#taken < through) return false;
    for (const first of this.#inFlight) if (first < through) return false;
    return true;
  }

  #drain(): Promise<void> {
    const through = this.#accepted;
    if (this.#settledBelow(through)) return Promise.resolve();
    this.#drainThrough = Math.max(this.#drainThrough, through);
    const drained = new Promise<void>((resolve) => this.#waiters.push({ through, resolve }));
    this.#pump();
    return drained;
  }

  #scheduleExport(): void {
    if (this.#timer !== undefined || this.#stopping) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#drainThrough = Math.max(this.#drainThrough, this.#accepted);
      this.#pump();
    }, this.#settings.scheduledDelayMillis);
    this.#timer.unref();
  }
}
