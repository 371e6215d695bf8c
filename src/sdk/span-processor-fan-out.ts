import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, SdkSpan, SpanProcessor } from './sdk-types';

/** Calls every processor in order; one that throws does not keep the others from the span. */
export class SpanProcessorFanOut {
  readonly #processors: readonly SpanProcessor[];

  constructor(processors: readonly SpanProcessor[]) {
    this.#processors = processors;
  }

  /** Runs `onStart` of every processor. */
  onStart(span: SdkSpan, parentContext: Context): void {
    for (const processor of this.#processors) {
      try {
        processor.onStart(span, parentContext);
      } catch {
        // A processor's failure must not reach the application code that started the span.
      }
    }
  }

  /** Runs the optional `onEnding` hook of every processor (the span is still writable then). */
  onEnding(span: SdkSpan): void {
    for (const processor of this.#processors) {
      if (processor.onEnding === undefined) continue;
      try {
        processor.onEnding(span);
      } catch {
        // As in onStart.
      }
    }
  }

  /** Runs `onEnd` of every processor. */
  onEnd(span: ReadableSpan): void {
    for (const processor of this.#processors) {
      try {
        processor.onEnd(span);
      } catch {
        // As in onStart.
      }
    }
  }

  /** Flushes every processor; rejects with the first failure after all have settled. */
  async forceFlush(): Promise<void> {
    await settleAll(this.#processors.map((processor) => () => processor.forceFlush()));
  }

  /** Shuts every processor down; rejects with the first failure after all have settled. */
  async shutdown(): Promise<void> {
    await settleAll(this.#processors.map((processor) => () => processor.shutdown()));
  }
}

async function settleAll(tasks: ReadonlyArray<() => Promise<void>>): Promise<void> {
  const results = await Promise.allSettled(tasks.map(async (task) => task()));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) throw (failure).reason;
}
