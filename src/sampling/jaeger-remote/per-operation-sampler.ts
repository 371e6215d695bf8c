import type { Attributes, SpanContext, SpanKind } from '@opentelemetry/api';
import type { SamplingDecision } from '../../sdk/sdk-types';
import { LeanSampler, type SamplingNote } from '../../sdk/samplers/lean-sampler';
import type { Clock } from '../token-bucket';
import { GuaranteedThroughputSampler } from './guaranteed-throughput';

/** Operations tracked with their own sampler; later ones share the default (as jaeger-client's 2000). */
export const MAX_OPERATIONS = 2000;

/**
 * Jaeger's per-operation strategy: each operation (the span name) has its own
 * {@link GuaranteedThroughputSampler}, with the rate the strategy gives it or the default rate,
 * and the default lower bound. An operation the strategy does not name gets its own sampler on
 * first sight, so the lower bound holds per operation; past {@link MAX_OPERATIONS} they share one.
 */
export class PerOperationSampler extends LeanSampler {
  readonly #samplers = new Map<string, GuaranteedThroughputSampler>();
  readonly #clock: Clock;
  #defaultRate: number;
  #lowerBound: number;
  #rates: ReadonlyMap<string, number>;
  readonly #shared: GuaranteedThroughputSampler;
  /** The sampler `decide` used last, for `note`. */
  #last: GuaranteedThroughputSampler;

  constructor(defaultRate: number, lowerBound: number, rates: ReadonlyMap<string, number>, clock: Clock) {
    super();
    this.#clock = clock;
    this.#defaultRate = defaultRate;
    this.#lowerBound = lowerBound;
    this.#rates = rates;
    this.#shared = new GuaranteedThroughputSampler(defaultRate, lowerBound, clock);
    this.#last = this.#shared;
    for (const [operation, rate] of rates) this.#samplers.set(operation, new GuaranteedThroughputSampler(rate, lowerBound, clock));
  }

  /** Applies a new strategy; operations that stay keep their limiter's balance. */
  update(defaultRate: number, lowerBound: number, rates: ReadonlyMap<string, number>): void {
    this.#defaultRate = defaultRate;
    this.#lowerBound = lowerBound;
    this.#rates = rates;
    this.#shared.update(defaultRate, lowerBound);
    for (const [operation, sampler] of this.#samplers) sampler.update(rates.get(operation) ?? defaultRate, lowerBound);
    for (const [operation, rate] of rates) if (!this.#samplers.has(operation)) this.#samplers.set(operation, new GuaranteedThroughputSampler(rate, lowerBound, this.#clock));
  }

  decide(parent: SpanContext | undefined, traceId: string, spanName: string, _spanKind?: SpanKind, _attributes?: Attributes): SamplingDecision {
    let sampler = this.#samplers.get(spanName);
    if (sampler === undefined) {
      sampler = this.#samplers.size < MAX_OPERATIONS ? new GuaranteedThroughputSampler(this.#rates.get(spanName) ?? this.#defaultRate, this.#lowerBound, this.#clock) : this.#shared;
      if (sampler !== this.#shared) this.#samplers.set(spanName, sampler);
    }
    this.#last = sampler;
    return sampler.decide(parent, traceId);
  }

  override note(parent: SpanContext | undefined): SamplingNote {
    return this.#last.note(parent);
  }

  toString(): string {
    return `PerOperation{default=${this.#defaultRate}, lowerBound=${this.#lowerBound}, operations=${this.#rates.size}}`;
  }
}
