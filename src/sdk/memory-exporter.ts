import type { ReadableSpan, SpanExporter } from './sdk-types';
import { ExportResultCode, type ExportResult } from './export-result';

/**
 * Keeps exported spans in memory, in export order, for tests and the `memory` exporter. After
 * shutdown it holds nothing and refuses further spans.
 */
export class MemorySpanExporter implements SpanExporter {
  #spans: ReadableSpan[] = [];
  #stopped = false;

  /** Keeps `spans` and reports success, or failure once shut down. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.#stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('the memory exporter is shut down') });
      return;
    }
    this.#spans.push(...spans);
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  /** The spans exported so far (since the last reset). */
  getFinishedSpans(): ReadableSpan[] {
    return this.#spans;
  }

  /** Forgets the spans exported so far. */
  reset(): void {
    this.#spans = [];
  }

  /** Nothing is buffered, so there is nothing to flush. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Forgets the spans and refuses later exports. */
  shutdown(): Promise<void> {
    this.#stopped = true;
    this.#spans = [];
    return Promise.resolve();
  }
}
