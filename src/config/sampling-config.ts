/**
 * Resolves the sampler and what decides around it: rules, route templates, debug headers and the
 * tail-sampling switch. Code options (already validated) win over the environment; an unusable
 * environment value warns once and falls back to the profile's sampler, naming it.
 */
import type { EnvReader } from './env';
import { parseTrustedHeader, TRUSTED_HEADER_FORM } from './header-lists';
import { parseKeyValueList } from './key-value-list';
import type { JaegerRemoteOptions, ResolvedSampler, ResolvedSampling, SamplerName, TracingOptions, TrustedSamplingHeader } from './options';
import { describeRule, ruleProblem, ruleRouteTemplates, type SamplingRule } from '../sampling/rules/sampling-rule';
import { LOG_PREFIX } from './warnings';

/** Every sampler name `OTEL_TRACES_SAMPLER` and `sampler` accept. */
export const SAMPLER_NAMES: readonly SamplerName[] = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'parentbased_ratelimiting',
  'jaeger_remote',
  'parentbased_jaeger_remote',
];

/** Debug headers honoured when none are configured. */
export const DEFAULT_DEBUG_HEADERS: readonly string[] = ['jaeger-debug-id', 'x-debug-trace=1'];
const DEFAULT_ENDPOINT = 'http://localhost:5778/sampling';
const DEFAULT_POLLING_INTERVAL_MS = 60_000;
const MAX_TRACES_PER_SECOND = 1_000_000;
const JAEGER_ARG_FORM = 'endpoint=<http URL>,pollingIntervalMs=<100 to 86400000>,initialSamplingRate=<0 to 1>';

/** Warning for a sampling rule of `OTEL_BOOTSTRAP_SAMPLING_RULES` that cannot be used. */
export function invalidSamplingRuleWarning(position: number, rule: unknown, problem: string): string {
  return `${LOG_PREFIX} OTEL_BOOTSTRAP_SAMPLING_RULES rule ${position} ${describeRule(rule)} is invalid (${problem}); it was skipped and the other rules kept.`;
}

/** Warning when `OTEL_BOOTSTRAP_SAMPLING_RULES` is not a JSON array at all. */
export function samplingRulesNotJsonWarning(value: string): string {
  return `${LOG_PREFIX} OTEL_BOOTSTRAP_SAMPLING_RULES=${JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value)} is not a JSON array of rules; using no rules (the sampler alone decides).`;
}

/** Warning for a sampler whose argument is missing (`OTEL_TRACES_SAMPLER_ARG` unset). */
export function missingSamplerArgWarning(sampler: string, accepted: string, used: string): string {
  return `${LOG_PREFIX} OTEL_TRACES_SAMPLER=${sampler} needs OTEL_TRACES_SAMPLER_ARG (${accepted}); using ${used}.`;
}

type ProfileRoot = { name: SamplerName; ratio: number };

/** The sampler: code options, else `OTEL_TRACES_SAMPLER` and `OTEL_TRACES_SAMPLER_ARG`, else `profile`. */
export function resolveSampler(options: TracingOptions, env: EnvReader, profile: ProfileRoot): ResolvedSampler {
  if (typeof options.sampler === 'object') return { instance: options.sampler };
  const fallbackText = `the profile's ${profileText(profile)}`;
  const name = options.sampler ?? env.oneOf('OTEL_TRACES_SAMPLER', SAMPLER_NAMES, fallbackText) ?? profile.name;
  switch (name) {
    case 'traceidratio':
    case 'parentbased_traceidratio': {
      const fallbackRatio = profile.name.endsWith('traceidratio') ? profile.ratio : 1;
      const envRatio = options.samplingRatio === undefined ? env.number('OTEL_TRACES_SAMPLER_ARG', 0, 1, String(fallbackRatio)) : undefined;
      return { name, ratio: options.samplingRatio ?? envRatio ?? fallbackRatio };
    }
    case 'parentbased_ratelimiting': {
      if (options.tracesPerSecond !== undefined) return { name, ratio: 1, tracesPerSecond: options.tracesPerSecond };
      const accepted = `traces per second, a number from 0 to ${MAX_TRACES_PER_SECOND}`;
      if (env.string('OTEL_TRACES_SAMPLER_ARG') === undefined) {
        env.warnings.push(missingSamplerArgWarning(name, accepted, fallbackText));
        return { ...profile };
      }
      const perSecond = env.number('OTEL_TRACES_SAMPLER_ARG', 0, MAX_TRACES_PER_SECOND, fallbackText);
      return perSecond === undefined ? { ...profile } : { name, ratio: 1, tracesPerSecond: perSecond };
    }
    case 'jaeger_remote':
    case 'parentbased_jaeger_remote': {
      const given = options.jaegerRemote ?? readJaegerArg(env, fallbackText);
      if (given === undefined) return { ...profile };
      const initial: ProfileRoot = given.initialSamplingRate === undefined ? profile : { name: 'traceidratio', ratio: given.initialSamplingRate };
      return {
        name,
        ratio: initial.ratio,
        jaegerRemote: { endpoint: given.endpoint ?? DEFAULT_ENDPOINT, pollingIntervalMs: given.pollingIntervalMs ?? DEFAULT_POLLING_INTERVAL_MS, initial },
      };
    }
    default:
      return { name, ratio: 1 };
  }
}

function profileText(profile: ProfileRoot): string {
  return profile.name.endsWith('traceidratio') ? `${profile.name} (${profile.ratio})` : profile.name;
}

/** `OTEL_TRACES_SAMPLER_ARG` for `jaeger_remote`; undefined (with a warning) when any part is unusable. */
function readJaegerArg(env: EnvReader, fallbackText: string): JaegerRemoteOptions | undefined {
  const text = env.string('OTEL_TRACES_SAMPLER_ARG');
  if (text === undefined) return {};
  const bad = (): undefined => {
    env.warn('OTEL_TRACES_SAMPLER_ARG', text, JAEGER_ARG_FORM, fallbackText);
    return undefined;
  };
  let malformed = false;
  const pairs = parseKeyValueList(text, () => (malformed = true));
  if (malformed) return bad();
  const result: JaegerRemoteOptions = {};
  for (const [key, value] of Object.entries(pairs)) {
    if (key === 'endpoint') {
      if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) return bad();
      result.endpoint = value;
    } else if (key === 'pollingIntervalMs') {
      const interval = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!(interval >= 100 && interval <= 86_400_000)) return bad();
      result.pollingIntervalMs = interval;
    } else if (key === 'initialSamplingRate') {
      const rate = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : Number.NaN;
      if (!(rate >= 0 && rate <= 1)) return bad();
      result.initialSamplingRate = rate;
    } else {
      return bad();
    }
  }
  return result;
}

/** Rules, route templates and debug headers. */
export function resolveSampling(options: TracingOptions, env: EnvReader): ResolvedSampling {
  const rules = options.samplingRules !== undefined ? [...options.samplingRules] : readRules(env);
  const routes = [...(options.samplingRoutes ?? env.rawList('OTEL_BOOTSTRAP_SAMPLING_ROUTES')?.filter((route) => routeOrWarn(env, route)) ?? [])];
  return { rules, routes: [...new Set([...ruleRouteTemplates(rules), ...routes])], debugHeaders: readDebugHeaders(options, env) };
}

function routeOrWarn(env: EnvReader, route: string): boolean {
  if (route.startsWith('/')) return true;
  env.warnings.push(`${LOG_PREFIX} OTEL_BOOTSTRAP_SAMPLING_ROUTES entry ${JSON.stringify(route)} is invalid (expected a route template starting with /); it was skipped and the other entries kept.`);
  return false;
}

function readRules(env: EnvReader): SamplingRule[] {
  const text = env.string('OTEL_BOOTSTRAP_SAMPLING_RULES');
  if (text === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) {
    env.warnings.push(samplingRulesNotJsonWarning(text));
    return [];
  }
  const rules: SamplingRule[] = [];
  parsed.forEach((rule: unknown, index) => {
    const problem = ruleProblem(rule);
    if (problem === undefined) rules.push(rule as SamplingRule);
    else env.warnings.push(invalidSamplingRuleWarning(index + 1, rule, problem));
  });
  return rules;
}

function readDebugHeaders(options: TracingOptions, env: EnvReader): TrustedSamplingHeader[] {
  if (options.debugHeaders !== undefined) return options.debugHeaders.map((entry) => parseTrustedHeader(entry)).filter((entry) => entry !== undefined);
  if (env.string('OTEL_BOOTSTRAP_DEBUG_HEADERS')?.toLowerCase() === 'none') return [];
  const fromEnv = env.parsedList('OTEL_BOOTSTRAP_DEBUG_HEADERS', parseTrustedHeader, TRUSTED_HEADER_FORM);
  return fromEnv ?? DEFAULT_DEBUG_HEADERS.map((entry) => parseTrustedHeader(entry) as TrustedSamplingHeader);
}
