import type { SpanContext } from '@opentelemetry/api';

/** What an outgoing request carries from its start to its end: one pooled object, reused. */
export class ClientTiming {
  start = 0;
  status = 0;
  spanContext: SpanContext | undefined = undefined;
}

const POOL_LIMIT = 256;

/**
 * Recycles {@link ClientTiming} objects, so tracking a client request takes one from here rather
 * than allocating. A request that never ends keeps its object until it is collected with it.
 */
export class ClientTimingPool {
  readonly #free: ClientTiming[] = [];

  take(start: number, spanContext: SpanContext | undefined): ClientTiming {
    const timing = this.#free.pop() ?? new ClientTiming();
    timing.start = start;
    timing.status = 0;
    timing.spanContext = spanContext;
    return timing;
  }

  release(timing: ClientTiming): void {
    timing.spanContext = undefined;
    if (this.#free.length < POOL_LIMIT) this.#free.push(timing);
  }
}
