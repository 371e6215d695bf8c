/**
 * Forced debug traces: a request carrying a debug header (`jaeger-debug-id`, or a configured
 * `name` / `name=value`, default `x-debug-trace: 1`) is sampled whatever the ratio. Forcing is a
 * sampling decision taken by the caller, so the trust boundary applies: with
 * `trustRemoteSampling: false` only a request that also carries a `trustedSamplingHeaders`
 * entry may force.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { TrustedSamplingHeader } from '../../config/options';
import { carriesTrustedHeader, type InboundTrustSettings } from './inbound-trust';

/** The longest debug id recorded; longer values are cut. */
export const MAX_DEBUG_ID_LENGTH = 128;

/** Finds the debug id of a request allowed to force sampling, or undefined. */
export type DebugHeaderDetector = (headers: IncomingHttpHeaders) => string | undefined;

/** Builds the detector; undefined when no debug header is configured. */
export function createDebugHeaderDetector(debugHeaders: readonly TrustedSamplingHeader[], trust: InboundTrustSettings): DebugHeaderDetector | undefined {
  if (debugHeaders.length === 0) return undefined;
  const trusted = (headers: IncomingHttpHeaders): boolean => trust.trustRemoteSampling || trust.trustedSamplingHeaders.some((entry) => carriesTrustedHeader(headers, entry));
  return (headers) => {
    for (const entry of debugHeaders) {
      if (!carriesTrustedHeader(headers, entry)) continue;
      if (!trusted(headers)) return undefined;
      const value = headers[entry.name];
      const id = (Array.isArray(value) ? value[0] : value) ?? '';
      return id.length > MAX_DEBUG_ID_LENGTH ? id.slice(0, MAX_DEBUG_ID_LENGTH) : id;
    }
    return undefined;
  };
}
