import { TraceFlags, type Attributes, type SpanContext, type SpanKind } from '@opentelemetry/api';
import type { SamplingDecision } from '../sdk-types';
import { AlwaysOffSampler, AlwaysOnSampler } from './always';
import { LeanSampler, type SamplingNote } from './lean-sampler';

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
 * ParentBased sampler does; each of the four parent cases can be given its own sampler. A span
 * that follows its parent keeps the parent's trace state (and so an inbound `th`).
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

  decide(parent: SpanContext | undefined, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes | undefined): SamplingDecision {
    return this.#delegate(parent).decide(parent, traceId, spanName, spanKind, attributes);
  }

  override note(parent: SpanContext | undefined, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes | undefined): SamplingNote | undefined {
    return this.#delegate(parent).note(parent, traceId, spanName, spanKind, attributes);
  }

  override shutdown(): void {
    for (const sampler of new Set([this.#root, this.#remoteParentSampled, this.#remoteParentNotSampled, this.#localParentSampled, this.#localParentNotSampled])) sampler.shutdown();
  }

  #delegate(parent: SpanContext | undefined): LeanSampler {
    if (parent === undefined) return this.#root;
    const sampled = (parent.traceFlags & TraceFlags.SAMPLED) !== 0;
    return parent.isRemote === true
      ? sampled ? this.#remoteParentSampled : this.#remoteParentNotSampled
      : sampled ? this.#localParentSampled : this.#localParentNotSampled;
  }

  toString(): string {
    return `ParentBased{root=${this.#root.toString()}, remoteParentSampled=${this.#remoteParentSampled.toString()}, remoteParentNotSampled=${this.#remoteParentNotSampled.toString()}, localParentSampled=${this.#localParentSampled.toString()}, localParentNotSampled=${this.#localParentNotSampled.toString()}}`;
  }
}
