import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Sampler, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { SpanLimitsConfig } from '../../../src/config/options';
import { AlwaysOnSampler } from '../../../src/sdk/samplers/always';
import { LeanTracerProvider } from '../../../src/sdk/tracer-provider';

/** A processor that remembers what it was told. */
export class RecordingProcessor implements SpanProcessor {
  readonly started: Array<{ span: Span; context: Context }> = [];
  readonly ended: ReadableSpan[] = [];
  flushes = 0;
  shutdowns = 0;

  onStart(span: Span, context: Context): void {
    this.started.push({ span, context });
  }

  onEnd(span: ReadableSpan): void {
    this.ended.push(span);
  }

  forceFlush(): Promise<void> {
    this.flushes++;
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.shutdowns++;
    return Promise.resolve();
  }
}

/** A provider with one recording processor; always on unless told otherwise. */
export function providerWithProcessor(options: { sampler?: Sampler; spanLimits?: SpanLimitsConfig } = {}): { provider: LeanTracerProvider; processor: RecordingProcessor } {
  const processor = new RecordingProcessor();
  const provider = new LeanTracerProvider({ sampler: options.sampler ?? new AlwaysOnSampler(), spanProcessors: [processor], spanLimits: options.spanLimits });
  return { provider, processor };
}

/** The one span a test started and ended, as processors saw it. */
export function onlyEnded(processor: RecordingProcessor): ReadableSpan {
  if (processor.ended.length !== 1) throw new Error(`expected one ended span, got ${processor.ended.length}`);
  return processor.ended[0] as ReadableSpan;
}
