import type { Sampler } from '../sdk/sdk-types';
import type { ResolvedConfig } from '../config/options';
import { AlwaysOffSampler, AlwaysOnSampler } from '../sdk/samplers/always';
import { ParentBasedSampler } from '../sdk/samplers/parent-based';
import { TraceIdRatioSampler } from '../sdk/samplers/trace-id-ratio';

/**
 * Builds the root sampler the configuration names; ratio samplers get the resolved ratio. A
 * caller's own `Sampler` object is used as it is.
 */
export function createSampler(choice: ResolvedConfig['sampler']): Sampler {
  if ('instance' in choice) return choice.instance;
  switch (choice.name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioSampler(choice.ratio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioSampler(choice.ratio) });
  }
}
