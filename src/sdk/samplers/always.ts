import type { SamplingDecision } from '../sdk-types';
import { LeanSampler } from './lean-sampler';
import { Decision } from './sampling-decision';

/** Samples every span (`always_on`). */
export class AlwaysOnSampler extends LeanSampler {
  decide(): SamplingDecision {
    return Decision.RECORD_AND_SAMPLED;
  }

  toString(): string {
    return 'AlwaysOnSampler';
  }
}

/** Samples no span (`always_off`). */
export class AlwaysOffSampler extends LeanSampler {
  decide(): SamplingDecision {
    return Decision.NOT_RECORD;
  }

  toString(): string {
    return 'AlwaysOffSampler';
  }
}
