import type { Attributes } from '@opentelemetry/api';
import type { MetricProducer, MetricsSnapshot } from './metric-data';
import { formatExposition, type ExpositionFormat } from './prometheus/format-exposition';
import { createMetricsHandler, type MetricsRequestHandler } from './prometheus/metrics-handler';

/** Something that receives the metrics: the Prometheus endpoint or the OTLP push. */
export interface MetricsReader {
  start(): Promise<void> | void;
  /** Last export and release; must settle within the caller's deadline on its own terms. */
  shutdown(): Promise<void>;
}

/** A producer that also listens to the process (diagnostics channels, performance observers). */
export interface StartableProducer extends MetricProducer {
  start?(): void;
  stop?(): void;
}

/**
 * The metrics of one manager: the producers (HTTP, tracer, runtime), one collection that reads
 * them all, and the readers that take collections out (Prometheus scrapes, OTLP pushes).
 */
export class MetricsPipeline {
  readonly #producers: readonly StartableProducer[];
  readonly #resource: Attributes;
  readonly #startTimeMillis = Date.now();
  readonly #readers: MetricsReader[] = [];
  readonly #handler: MetricsRequestHandler;

  constructor(producers: readonly StartableProducer[], resource: Attributes) {
    this.#producers = producers;
    this.#resource = resource;
    this.#handler = createMetricsHandler((format) => this.render(format));
  }

  /** The resource every export describes. */
  get resource(): Attributes {
    return this.#resource;
  }

  addReader(reader: MetricsReader): void {
    this.#readers.push(reader);
  }

  /** Starts the producers and the readers. */
  start(): void {
    for (const producer of this.#producers) producer.start?.();
    for (const reader of this.#readers) void reader.start();
  }

  /** Reads every producer now. */
  collect(): MetricsSnapshot {
    return { startTimeMillis: this.#startTimeMillis, timeMillis: Date.now(), metrics: this.#producers.flatMap((producer) => producer.collect()) };
  }

  /** One collection in a Prometheus exposition format. */
  render(format: ExpositionFormat): string {
    return formatExposition(this.collect(), this.#resource, format);
  }

  /** Serves the metrics to any Node HTTP server or Express route. */
  get handler(): MetricsRequestHandler {
    return this.#handler;
  }

  /** Stops listening to the process, then lets each reader export a last time. Never rejects. */
  async shutdown(): Promise<void> {
    for (const producer of this.#producers) producer.stop?.();
    await Promise.allSettled(this.#readers.map((reader) => reader.shutdown()));
  }
}
