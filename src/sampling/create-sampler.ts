import type { Sampler } from '../sdk/sdk-types';
import type { ResolvedSampler, ResolvedSampling, SamplerName } from '../config/options';
import { AlwaysOffSampler, AlwaysOnSampler } from '../sdk/samplers/always';
import type { LeanSampler } from '../sdk/samplers/lean-sampler';
import { ParentBasedSampler } from '../sdk/samplers/parent-based';
import { TraceIdRatioSampler } from '../sdk/samplers/trace-id-ratio';
import { ForcedSampler } from './forced-sampler';
import { JaegerRemoteSampler } from './jaeger-remote/jaeger-remote-sampler';
import { RateLimitingSampler } from './rate-limiting-sampler';
import { RuleSampler } from './rules/rule-sampler';

/** What decides around the named sampler, and the service a remote strategy is asked for. */
export interface SamplerSurroundings {
  sampling?: Pick<ResolvedSampling, 'rules'>;
  serviceName?: string;
}

/**
 * Builds the sampler the configuration names. Around a named one: sampling rules decide the spans
 * they match (root spans, for the parent-based samplers), and `sampling.priority` at span start
 * forces or drops any span. A caller's own `Sampler` object is used as it is. A Jaeger remote
 * sampler starts polling here, which happens only when tracing starts.
 */
export function createSampler(choice: ResolvedSampler, surroundings: SamplerSurroundings = {}): Sampler {
  if ('instance' in choice) return choice.instance;
  const rules = surroundings.sampling?.rules ?? [];
  const withRules = (sampler: LeanSampler): LeanSampler => (rules.length === 0 ? sampler : new RuleSampler(rules, sampler));
  const parentBased = choice.name.startsWith('parentbased_') || choice.name === 'jaeger_remote';
  const root = withRules(rootSampler(choice, surroundings.serviceName ?? 'unknown_service:node'));
  return new ForcedSampler(parentBased ? new ParentBasedSampler({ root }) : root);
}

function rootSampler(choice: Exclude<ResolvedSampler, { instance: Sampler }>, serviceName: string): LeanSampler {
  switch (choice.name) {
    case 'parentbased_ratelimiting':
      return new RateLimitingSampler(choice.tracesPerSecond ?? 0);
    case 'jaeger_remote':
    case 'parentbased_jaeger_remote': {
      const remote = choice.jaegerRemote;
      if (remote === undefined) return new JaegerRemoteSampler({ serviceName }).start();
      return new JaegerRemoteSampler({ serviceName, endpoint: remote.endpoint, pollingIntervalMs: remote.pollingIntervalMs, initialSampler: namedRoot(remote.initial.name, remote.initial.ratio) }).start();
    }
    default:
      return namedRoot(choice.name, choice.ratio);
  }
}

/** The root of a plain named sampler (`parentbased_x` gives x). */
function namedRoot(name: SamplerName, ratio: number): LeanSampler {
  switch (name) {
    case 'always_on':
    case 'parentbased_always_on':
      return new AlwaysOnSampler();
    case 'always_off':
    case 'parentbased_always_off':
      return new AlwaysOffSampler();
    default:
      return new TraceIdRatioSampler(ratio);
  }
}
