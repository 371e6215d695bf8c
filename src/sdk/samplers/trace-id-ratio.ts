import type { Attributes, SpanContext, SpanKind } from '@opentelemetry/api';
import type { SamplingDecision } from '../sdk-types';
import { decisionAttributes } from './decision-attributes';
import { LeanSampler, type SamplingNote } from './lean-sampler';
import { keptUnder, thresholdOf, withThreshold, type ProbabilityThreshold } from './probability-threshold';
import { Decision } from './sampling-decision';

/**
 * Samples a fixed share of traces (`traceidratio`) by OpenTelemetry consistent probability
 * sampling: kept when the trace's randomness (its last 56 bits, or an explicit `rv`) is at least
 * the ratio's rejection threshold, so every service with the same ratio makes the same decision
 * and one with a higher ratio keeps a superset. A kept span carries the threshold as `th` in the
 * `ot` trace state entry (downstream samplers and collectors compute adjusted counts from it) and,
 * when it starts the trace in this service, `sampler.type=probabilistic` and `sampler.param`.
 * Decisions and thresholds are those of the official composite sampler's ratio sampler.
 */
export class TraceIdRatioSampler extends LeanSampler {
  readonly #ratio: number;
  readonly #threshold: ProbabilityThreshold;
  readonly #rootNote: SamplingNote;

  /** `ratio` is clamped to 0..1; anything that is not a number counts as 0. */
  constructor(ratio: number) {
    super();
    this.#ratio = typeof ratio !== 'number' || Number.isNaN(ratio) ? 0 : Math.min(1, Math.max(0, ratio));
    this.#threshold = thresholdOf(this.#ratio);
    this.#rootNote = Object.freeze({ attributes: decisionAttributes('probabilistic', this.#ratio), traceState: withThreshold(undefined, this.#threshold.th) });
  }

  /** The share of traces kept. */
  get ratio(): number {
    return this.#ratio;
  }

  decide(parent: SpanContext | undefined, traceId: string, _spanName?: string, _spanKind?: SpanKind, _attributes?: Attributes): SamplingDecision {
    return keptUnder(this.#threshold, traceId, parent?.traceState) === 1 ? Decision.RECORD_AND_SAMPLED : Decision.NOT_RECORD;
  }

  override note(parent: SpanContext | undefined): SamplingNote {
    if (parent === undefined) return this.#rootNote;
    const traceState = withThreshold(parent.traceState, this.#threshold.th);
    return parent.isRemote === true ? { attributes: this.#rootNote.attributes, traceState } : { traceState };
  }

  toString(): string {
    return `TraceIdRatioBased{${this.#ratio}}`;
  }
}
