import type { SamplingDecision } from '../sdk-types';

/**
 * The SDK's sampling decisions by value: the numbers of its `SamplingDecision` enum, which are
 * also those of the API's.
 */
export const Decision = {
  /** Not recorded, not sampled: the span only carries its context. */
  NOT_RECORD: 0,
  /** Recorded but not sampled: processors see it, the sampled flag stays off. */
  RECORD: 1,
  /** Recorded and sampled. */
  RECORD_AND_SAMPLED: 2,
} as const satisfies Record<string, SamplingDecision>;
