import type { Attributes, SpanContext, SpanKind } from '@opentelemetry/api';
import type { SamplingDecision } from '../../sdk/sdk-types';
import { decisionAttributes } from '../../sdk/samplers/decision-attributes';
import { LeanSampler, type SamplingNote } from '../../sdk/samplers/lean-sampler';
import { withThreshold } from '../../sdk/samplers/probability-threshold';
import { Decision } from '../../sdk/samplers/sampling-decision';
import { TraceIdRatioSampler } from '../../sdk/samplers/trace-id-ratio';
import { TokenBucket, type Clock } from '../token-bucket';

/**
 * One operation's sampler under a per-operation strategy, as jaeger-client's
 * GuaranteedThroughputProbabilisticSampler: a trace is kept when the probabilistic sampler keeps
 * it, or else when the lower-bound limiter (`lowerBound` traces per second, burst `max(1, lowerBound)`)
 * has a token, so a rarely called operation still shows up. A trace kept by probability spends a
 * token too, so the lower bound counts every kept trace. `sampler.type` says which one kept it:
 * `probabilistic` (with `th`) or `lowerbound` (no `th`: its probability is not known).
 */
export class GuaranteedThroughputSampler extends LeanSampler {
  #ratio: TraceIdRatioSampler;
  #lowerBound: number;
  #bucket: TokenBucket | undefined;
  #lowerBoundNote: SamplingNote;
  readonly #clock: Clock;
  /** Whether `decide` last kept a trace by probability (otherwise by the lower bound). */
  #byProbability = false;

  constructor(samplingRate: number, lowerBound: number, clock: Clock) {
    super();
    this.#clock = clock;
    this.#ratio = new TraceIdRatioSampler(samplingRate);
    this.#lowerBound = lowerBound;
    this.#bucket = lowerBound > 0 ? new TokenBucket(lowerBound, Math.max(1, lowerBound), clock) : undefined;
    this.#lowerBoundNote = Object.freeze({ attributes: decisionAttributes('lowerbound', lowerBound) });
  }

  /** Applies a new rate and lower bound, keeping the limiter's balance. */
  update(samplingRate: number, lowerBound: number): void {
    if (samplingRate !== this.#ratio.ratio) this.#ratio = new TraceIdRatioSampler(samplingRate);
    if (lowerBound === this.#lowerBound) return;
    this.#lowerBound = lowerBound;
    if (lowerBound <= 0) this.#bucket = undefined;
    else if (this.#bucket === undefined) this.#bucket = new TokenBucket(lowerBound, Math.max(1, lowerBound), this.#clock);
    else this.#bucket.update(lowerBound, Math.max(1, lowerBound));
    this.#lowerBoundNote = Object.freeze({ attributes: decisionAttributes('lowerbound', lowerBound) });
  }

  decide(parent: SpanContext | undefined, traceId: string, _spanName?: string, _spanKind?: SpanKind, _attributes?: Attributes): SamplingDecision {
    const bucket = this.#bucket;
    if (this.#ratio.decide(parent, traceId) === Decision.RECORD_AND_SAMPLED) {
      this.#byProbability = true;
      bucket?.take();
      return Decision.RECORD_AND_SAMPLED;
    }
    this.#byProbability = false;
    return bucket !== undefined && bucket.take() ? Decision.RECORD_AND_SAMPLED : Decision.NOT_RECORD;
  }

  override note(parent: SpanContext | undefined): SamplingNote {
    if (this.#byProbability) return this.#ratio.note(parent);
    return parent?.traceState === undefined ? this.#lowerBoundNote : { attributes: this.#lowerBoundNote.attributes, traceState: withThreshold(parent.traceState, undefined) };
  }

  toString(): string {
    return `GuaranteedThroughput{${this.#ratio.ratio}, lowerBound=${this.#lowerBound}}`;
  }
}
