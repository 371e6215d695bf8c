/**
 * Attributes that say why a trace was kept, written on the span whose sampler made the decision
 * (the root span of the trace in this service), as jaeger-client wrote `sampler.type` and
 * `sampler.param`.
 */
import type { Attributes } from '@opentelemetry/api';

/** The kind of sampler that kept the trace: `probabilistic`, `ratelimiting`, `lowerbound` or `forced`. */
export const SAMPLER_TYPE = 'sampler.type';
/** Its parameter: the ratio, the traces per second, or for `forced` the priority. */
export const SAMPLER_PARAM = 'sampler.param';
/** The 1-based position of the sampling rule that matched. */
export const SAMPLING_RULE = 'sampling.rule';
/** `true` on a span that was sampled because it was asked to be (debug header or `sampling.priority`). */
export const SAMPLING_FORCED = 'sampling.forced';
/** The debug id a forcing request carried (`jaeger-debug-id`, or the value of the configured header). */
export const SAMPLING_DEBUG_ID = 'sampling.debug_id';
/** OpenTracing's sampling priority, read at span start: above 0 keeps the span, 0 drops it. */
export const SAMPLING_PRIORITY = 'sampling.priority';

/** The sampler types written in {@link SAMPLER_TYPE}. */
export type SamplerType = 'probabilistic' | 'ratelimiting' | 'lowerbound' | 'forced';

/** A frozen attribute set naming a sampler type and parameter, built once per sampler. */
export function decisionAttributes(type: SamplerType, param: number): Readonly<Attributes> {
  return Object.freeze({ [SAMPLER_TYPE]: type, [SAMPLER_PARAM]: param });
}
