import type { Attributes, SpanContext, SpanKind } from '@opentelemetry/api';
import type { SamplingDecision } from '../sdk/sdk-types';
import { SAMPLER_PARAM, SAMPLER_TYPE, SAMPLING_FORCED, SAMPLING_PRIORITY } from '../sdk/samplers/decision-attributes';
import { LeanSampler, type SamplingNote } from '../sdk/samplers/lean-sampler';
import { withThreshold } from '../sdk/samplers/probability-threshold';
import { Decision } from '../sdk/samplers/sampling-decision';

/**
 * OpenTracing's `sampling.priority`, read from the attributes a span starts with: above 0 keeps
 * the span whatever `delegate` would decide (marked `sampling.forced=true`, `sampler.type=forced`),
 * 0 drops it; any other value, or none, leaves the decision to `delegate`. The lean HTTP server
 * sets it for a trusted request carrying a debug header; an OpenTracing bridge or application
 * code sets it at span start. Setting it later, on a started span, changes nothing.
 */
export class ForcedSampler extends LeanSampler {
  readonly #delegate: LeanSampler;
  /** The priority that forced the span `decide` saw last, or 0 when it did not force. */
  #forcedBy = 0;

  constructor(delegate: LeanSampler) {
    super();
    this.#delegate = delegate;
  }

  decide(parent: SpanContext | undefined, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes | undefined): SamplingDecision {
    if (attributes !== undefined) {
      const priority = priorityOf(attributes[SAMPLING_PRIORITY]);
      if (priority > 0) {
        this.#forcedBy = priority;
        return Decision.RECORD_AND_SAMPLED;
      }
      if (priority === 0) return Decision.NOT_RECORD;
    }
    this.#forcedBy = 0;
    return this.#delegate.decide(parent, traceId, spanName, spanKind, attributes);
  }

  override note(parent: SpanContext | undefined, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes | undefined): SamplingNote | undefined {
    if (this.#forcedBy === 0) return this.#delegate.note(parent, traceId, spanName, spanKind, attributes);
    const traceState = withThreshold(parent?.traceState, undefined);
    const marks: Attributes = { [SAMPLER_TYPE]: 'forced', [SAMPLER_PARAM]: this.#forcedBy, [SAMPLING_FORCED]: true };
    return traceState === undefined ? { attributes: marks } : { attributes: marks, traceState };
  }

  override shutdown(): void {
    this.#delegate.shutdown();
  }

  toString(): string {
    return `Forced{${this.#delegate.toString()}}`;
  }
}

/** A finite priority at least 0 (numbers, or their decimal text as some bridges pass them); -1 otherwise. */
function priorityOf(value: unknown): number {
  if (value === undefined) return -1;
  const priority = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(priority) && priority >= 0 ? priority : -1;
}
