import { LOG_PREFIX } from './warnings';

/** Warnings about jaeger-client settings, from `JAEGER_*` variables or `fromJaegerClientConfig()`. */
export const jaegerEnvWarnings = {
  invalid: (variable: string, value: string, accepted: string, used: string): string =>
    `${LOG_PREFIX} ${variable}=${JSON.stringify(value)} is invalid (expected ${accepted}); using ${used}.`,
  noEquivalent: (setting: string, why: string): string => `${LOG_PREFIX} jaeger-client setting ${setting} has no equivalent here (${why}); it is ignored.`,
  needsSamplerType: (variable: string): string =>
    `${LOG_PREFIX} ${variable} has no effect without JAEGER_SAMPLER_TYPE (jaeger-client's default remote sampler is not assumed); using the profile's sampler.`,
  needsParam: (type: string, accepted: string, used: string): string =>
    `${LOG_PREFIX} JAEGER_SAMPLER_TYPE=${type} needs JAEGER_SAMPLER_PARAM (${accepted}); using ${used}.`,
  invalidTag: (entry: string): string => `${LOG_PREFIX} JAEGER_TAGS entry ${JSON.stringify(entry)} is not key=value; it was skipped and the other tags kept.`,
  deprecated: (old: string, current: string): string => `${LOG_PREFIX} ${old} is an old jaeger-client name; it is read as ${current}, which is the name to use.`,
} as const;
