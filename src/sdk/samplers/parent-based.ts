import { TraceFlags, type SpanContext } from '@opentelemetry/api';
import type { SamplingDecision } from '../sdk-types';
import { AlwaysOffSampler, AlwaysOnSampler } from './always';
import { LeanSampler } from './lean-sampler';

/** The samplers of a {@link ParentBasedSampler}: `root` for root spans, the others by parent. */
export interface ParentBasedConfig {
  root: LeanSampler;
  /** Default: always on. */
  remoteParentSampled?: LeanSampler;
  /** Default: always off. */
  remoteParentNotSampled?: LeanSampler;
  /** Default: always on. */
  localParentSampled?: LeanSampler;
  /** Default: always off. */
  localParentNotSampled?: LeanSampler;
}

/**
 * Follows the parent's sampled flag and asks `root` for root spans, as the specification's
 * ParentBased sampler does; each of the four parent cases can be given its own sampler.
 */
export class ParentBasedSampler extends LeanSampler {
  readonly #root: LeanSampler;
  readonly #remoteParentSampled: LeanSampler;
  readonly #remoteParentNotSampled: LeanSampler;
  readonly #localParentSampled: LeanSampler;
  readonly #localParentNotSampled: LeanSampler;

  constructor(config: ParentBasedConfig) {
    super();
    this.#root = config.root;
    this.#remoteParentSampled = config.remoteParentSampled ?? new AlwaysOnSampler();
    this.#remoteParentNotSampled = config.remoteParentNotSampled ?? new AlwaysOffSampler();
    this.#localParentSampled = config.localParentSampled ?? new AlwaysOnSampler();
    this.#localParentNotSampled = config.localParentNotSampled ?? new AlwaysOffSampler();
  }

  decide(parent: SpanContext | undefined, traceId: string): SamplingDecision {
    if (parent === undefined) return this.#root.decide(parent, traceId);
    const sampled = (parent.traceFlags & TraceFlags.SAMPLED) !== 0;
    const delegate =
      parent.isRemote === true
        ? sampled ? this.#remoteParentSampled : this.#remoteParentNotSampled
        : sampled ? this.#localParentSampled : this.#localParentNotSampled;
    return delegate.decide(parent, traceId);
  }

  toString(): string {
    return `ParentBased{root=${this.#root.toString()}, remoteParentSampled=${this.#remoteParentSampled.toString()}, remoteParentNotSampled=${this.#remoteParentNotSampled.toString()}, localParentSampled=${this.#localParentSampled.toString()}, localParentNotSampled=${this.#localParentNotSampled.toString()}}`;
  }
}
