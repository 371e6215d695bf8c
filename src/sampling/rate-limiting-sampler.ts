import type { Attributes, SpanContext, SpanKind } from '@opentelemetry/api';
import type { SamplingDecision } from '../sdk/sdk-types';
import { decisionAttributes } from '../sdk/samplers/decision-attributes';
import { LeanSampler, type SamplingNote } from '../sdk/samplers/lean-sampler';
import { withThreshold } from '../sdk/samplers/probability-threshold';
import { Decision } from '../sdk/samplers/sampling-decision';
import { MONOTONIC_CLOCK, TokenBucket, type Clock } from './token-bucket';

/**
 * Keeps at most `tracesPerSecond` new traces per second (`parentbased_ratelimiting` uses it as
 * the root sampler): a token bucket with a burst of `max(1, tracesPerSecond)`, so a rate below 1
 * still keeps one trace every `1 / rate` seconds. Kept spans carry `sampler.type=ratelimiting` and
 * `sampler.param`; a rate limit has no fixed probability, so any inherited `th` is removed.
 */
export class RateLimitingSampler extends LeanSampler {
  readonly #tracesPerSecond: number;
  readonly #bucket: TokenBucket;
  readonly #note: SamplingNote;

  /** `tracesPerSecond` below 0, or not a number, counts as 0 (keep nothing). */
  constructor(tracesPerSecond: number, clock: Clock = MONOTONIC_CLOCK) {
    super();
    this.#tracesPerSecond = typeof tracesPerSecond === 'number' && tracesPerSecond > 0 ? tracesPerSecond : 0;
    this.#bucket = new TokenBucket(this.#tracesPerSecond, this.#tracesPerSecond === 0 ? 0 : Math.max(1, this.#tracesPerSecond), clock);
    this.#note = Object.freeze({ attributes: decisionAttributes('ratelimiting', this.#tracesPerSecond) });
  }

  /** The configured limit. */
  get tracesPerSecond(): number {
    return this.#tracesPerSecond;
  }

  decide(_parent?: SpanContext, _traceId?: string, _spanName?: string, _spanKind?: SpanKind, _attributes?: Attributes): SamplingDecision {
    return this.#bucket.take() ? Decision.RECORD_AND_SAMPLED : Decision.NOT_RECORD;
  }

  override note(parent: SpanContext | undefined): SamplingNote {
    if (parent?.traceState === undefined) return this.#note;
    return { attributes: this.#note.attributes, traceState: withThreshold(parent.traceState, undefined) };
  }

  toString(): string {
    return `RateLimitingSampler{${this.#tracesPerSecond}}`;
  }
}
