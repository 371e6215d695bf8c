import { TraceFlags } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/** A span as far as the processors look at it: its context and a name to identify it. */
export function fakeSpan(index: number, sampled = true): ReadableSpan {
  const spanContext = { traceId: index.toString(16).padStart(32, '0'), spanId: index.toString(16).padStart(16, '0'), traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE };
  return { name: `span-${index}`, spanContext: () => spanContext } as unknown as ReadableSpan;
}

/** `count` sampled spans named span-0 ... span-(count-1). */
export function fakeSpans(count: number, offset = 0): ReadableSpan[] {
  return Array.from({ length: count }, (_, i) => fakeSpan(offset + i));
}

/** How a {@link FakeExporter} answers: at once, on the next turn, never, by throwing, or when the test says so. */
export type ExporterBehaviour = 'succeed' | 'succeed-async' | 'fail' | 'never' | 'throw' | 'manual';

/** An exporter that records every batch and answers as scripted. */
export class FakeExporter implements SpanExporter {
  behaviour: ExporterBehaviour;
  readonly batches: ReadableSpan[][] = [];
  /** Callbacks of exports not answered yet (`manual` and `never`). */
  readonly waiting: Array<(result: ExportResult) => void> = [];
  shutdownCalls = 0;
  flushCalls = 0;

  constructor(behaviour: ExporterBehaviour = 'succeed') {
    this.behaviour = behaviour;
  }

  get exportedNames(): string[] {
    return this.batches.flat().map((span) => span.name);
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.batches.push(spans);
    switch (this.behaviour) {
      case 'succeed':
        return resultCallback({ code: 0 });
      case 'succeed-async':
        setImmediate(() => resultCallback({ code: 0 }));
        return;
      case 'fail':
        return resultCallback({ code: 1, error: new Error('collector said no') });
      case 'throw':
        throw new Error('exporter exploded');
      case 'never':
      case 'manual':
        this.waiting.push(resultCallback);
        return;
    }
  }

  /** Answers the oldest unanswered export. */
  answerNext(code: 0 | 1): void {
    const callback = this.waiting.shift();
    if (callback === undefined) throw new Error('no export is waiting');
    callback({ code });
  }

  forceFlush(): Promise<void> {
    this.flushCalls++;
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.shutdownCalls++;
    return Promise.resolve();
  }
}
