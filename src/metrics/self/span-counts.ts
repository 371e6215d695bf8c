import { TraceFlags, type Context, type SpanContext } from '@opentelemetry/api';
import type { ReadableSpan, SdkSpan, SpanProcessor } from '../../sdk/sdk-types';
import type { MetricData } from '../metric-data';

const RESULTS = ['DROP', 'RECORD_ONLY', 'RECORD_AND_SAMPLE'] as const;
const ORIGINS = ['none', 'local', 'remote'] as const;
const DROP = 0;
const RECORD_ONLY = 1;
const RECORD_AND_SAMPLE = 2;

function originOf(parent: SpanContext | undefined): number {
  if (parent === undefined) return 0;
  return parent.isRemote === true ? 2 : 1;
}

function resultOf(span: ReadableSpan): number {
  return (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0 ? RECORD_AND_SAMPLE : RECORD_ONLY;
}

/**
 * `otel.sdk.span.started` (by sampling result and parent origin) and `otel.sdk.span.live`. Spans
 * the sampler drops are counted by the tracer through {@link dropped}; recording spans through
 * the processor hooks. Counting writes into a typed array: nothing is allocated per span.
 */
export class SpanCounts implements SpanProcessor {
  /** started[result * 3 + origin] */
  readonly #started = new Float64Array(RESULTS.length * ORIGINS.length);
  /** live[result] */
  readonly #live = new Float64Array(RESULTS.length);

  /** Counts a span the sampler dropped. */
  dropped(parent: SpanContext | undefined): void {
    const index = DROP * 3 + originOf(parent);
    this.#started[index] = (this.#started[index] as number) + 1;
  }

  onStart(span: SdkSpan, _parentContext: Context): void {
    const result = resultOf(span);
    const index = result * 3 + originOf(span.parentSpanContext);
    this.#started[index] = (this.#started[index] as number) + 1;
    this.#live[result] = (this.#live[result] as number) + 1;
  }

  onEnd(span: ReadableSpan): void {
    const result = resultOf(span);
    this.#live[result] = (this.#live[result] as number) - 1;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  collect(): MetricData[] {
    const started = [];
    for (let result = 0; result < RESULTS.length; result++) {
      for (let origin = 0; origin < ORIGINS.length; origin++) {
        const value = this.#started[result * 3 + origin] as number;
        if (value > 0) started.push({ attributes: { 'otel.span.sampling_result': RESULTS[result] as string, 'otel.span.parent.origin': ORIGINS[origin] as string }, value });
      }
    }
    const live = [RECORD_ONLY, RECORD_AND_SAMPLE].map((result) => ({ attributes: { 'otel.span.sampling_result': RESULTS[result] as string }, value: this.#live[result] as number }));
    return [
      { kind: 'sum', monotonic: true, name: 'otel.sdk.span.started', description: 'The number of created spans.', unit: '{span}', points: started },
      { kind: 'sum', monotonic: false, name: 'otel.sdk.span.live', description: 'The number of created spans with recording=true for which the end operation has not been called yet.', unit: '{span}', points: live },
    ];
  }
}
