import { trace, type Attributes, type Context, type Link, type SpanContext, type SpanKind } from '@opentelemetry/api';
import { isValidSpanContext } from '../../context/span-context-validity';
import type { Sampler, SamplingDecision, SamplingResult } from '../sdk-types';
import { Decision } from './sampling-decision';

// Results carry no attributes and no trace state, so one frozen object per decision serves every
// call (the Sampler contract lets callers keep results, and frozen ones cannot be changed).
const RESULTS: Readonly<Record<SamplingDecision, SamplingResult>> = {
  [Decision.NOT_RECORD]: Object.freeze({ decision: Decision.NOT_RECORD }),
  [Decision.RECORD]: Object.freeze({ decision: Decision.RECORD }),
  [Decision.RECORD_AND_SAMPLED]: Object.freeze({ decision: Decision.RECORD_AND_SAMPLED }),
};

/**
 * A sampler whose decision depends only on the parent span context and the trace id. The tracer
 * calls {@link LeanSampler.decide} directly, so an unsampled span costs no attribute, link or result
 * objects; {@link LeanSampler.shouldSample} keeps it usable as any SDK `Sampler`.
 */
export abstract class LeanSampler implements Sampler {
  /**
   * The decision for a span in trace `traceId` whose parent is `parent` (a valid span context, or
   * undefined for a root span).
   */
  abstract decide(parent: SpanContext | undefined, traceId: string): SamplingDecision;

  /** The SDK `Sampler` entry point: finds the valid parent in `context` and decides. */
  shouldSample(context: Context, traceId: string, _spanName?: string, _spanKind?: SpanKind, _attributes?: Attributes, _links?: Link[]): SamplingResult {
    const parent = trace.getSpanContext(context);
    return RESULTS[this.decide(parent !== undefined && isValidSpanContext(parent) ? parent : undefined, traceId)];
  }

  /** The sampler's name and configuration, as the official samplers print theirs. */
  abstract toString(): string;
}
