import type { SamplingDecision } from '@opentelemetry/sdk-trace-base';

/**
 * The SDK's sampling decisions by value, without loading the SDK: its enum is used as a type only,
 * and these are its numbers (the same as the API's `SamplingDecision`).
 */
export const Decision = {
  /** Not recorded, not sampled: the span only carries its context. */
  NOT_RECORD: 0 as SamplingDecision.NOT_RECORD,
  /** Recorded but not sampled: processors see it, the sampled flag stays off. */
  RECORD: 1 as SamplingDecision.RECORD,
  /** Recorded and sampled. */
  RECORD_AND_SAMPLED: 2 as SamplingDecision.RECORD_AND_SAMPLED,
} as const;
