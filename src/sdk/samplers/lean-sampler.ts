import { trace, type Attributes, type Context, type Link, type SpanContext, type SpanKind, type TraceState } from '@opentelemetry/api';
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

/** What a sampler adds to a span it decided to record: attributes explaining why, and its trace state. */
export interface SamplingNote {
  /** Added to the span's start attributes, such as `sampler.type` and `sampler.param`. */
  attributes?: Attributes;
  /** Replaces the trace state the span would inherit from its parent (such as the `ot` entry's `th`). */
  traceState?: TraceState;
}

/**
 * A sampler the tracer calls without building a `SamplingResult`: {@link LeanSampler.decide} gets
 * the span's start attributes as the caller passed them (uncopied, possibly undefined), so an
 * unsampled span costs no attribute, link or result objects. Only for a span it records is
 * {@link LeanSampler.note} asked what to add. {@link LeanSampler.shouldSample} keeps it usable as
 * any SDK `Sampler`.
 */
export abstract class LeanSampler implements Sampler {
  /**
   * The decision for a span named `spanName` in trace `traceId` whose parent is `parent` (a valid
   * span context, or undefined for a root span). `attributes` must only be read.
   */
  abstract decide(parent: SpanContext | undefined, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes | undefined): SamplingDecision;

  /**
   * For a span {@link decide} has just chosen to record, called synchronously right after it with
   * the same arguments: what the span starts with besides its own attributes. A sampler may keep
   * what `decide` found (the matched rule, the limiter that let the span through) for this call.
   */
  note(_parent: SpanContext | undefined, _traceId: string, _spanName: string, _spanKind: SpanKind, _attributes: Attributes | undefined): SamplingNote | undefined {
    return undefined;
  }

  /** Stops background work (such as polling for a remote strategy). Default: nothing to stop. */
  shutdown(): void {}

  /** The SDK `Sampler` entry point: finds the valid parent in `context`, decides and notes. */
  shouldSample(context: Context, traceId: string, spanName: string = '', spanKind: SpanKind = 0, attributes?: Attributes, _links?: Link[]): SamplingResult {
    const found = trace.getSpanContext(context);
    const parent = found !== undefined && isValidSpanContext(found) ? found : undefined;
    const decision = this.decide(parent, traceId, spanName, spanKind, attributes);
    if (decision === Decision.NOT_RECORD) return RESULTS[decision];
    const note = this.note(parent, traceId, spanName, spanKind, attributes);
    if (note === undefined) return RESULTS[decision];
    return { decision, ...(note.attributes === undefined ? {} : { attributes: note.attributes }), ...(note.traceState === undefined ? {} : { traceState: note.traceState }) };
  }

  /** The sampler's name and configuration, as the official samplers print theirs. */
  abstract toString(): string;
}
