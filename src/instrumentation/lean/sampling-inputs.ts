/**
 * What the head sampling decision of an incoming request can see beyond method, path and scheme:
 * the route template the path matches (`http.route`), and for a trusted request carrying a debug
 * header, `sampling.priority=1` with the debug id. One function, called once per request before
 * the server span starts.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Attributes } from '@opentelemetry/api';
import type { TrustedSamplingHeader } from '../../config/options';
import { SAMPLING_DEBUG_ID, SAMPLING_PRIORITY } from '../../sdk/samplers/decision-attributes';
import { createDebugHeaderDetector } from './debug-header';
import type { InboundTrustSettings } from './inbound-trust';
import { createRouteMatcher } from './route-templates';

/** Adds the sampling inputs of one request to `attributes` and returns the route it matched. */
export type SamplingInputs = (headers: IncomingHttpHeaders, path: string, attributes: Attributes) => string | undefined;

/** Settings the inputs come from. */
export interface SamplingInputSettings extends InboundTrustSettings {
  routes: readonly string[];
  debugHeaders: readonly TrustedSamplingHeader[];
}

/** Builds the inputs function; undefined when there are neither route templates nor debug headers. */
export function createSamplingInputs(settings: SamplingInputSettings): SamplingInputs | undefined {
  const matchRoute = createRouteMatcher(settings.routes);
  const debugId = createDebugHeaderDetector(settings.debugHeaders, settings);
  if (matchRoute === undefined && debugId === undefined) return undefined;
  return (headers, path, attributes) => {
    const id = debugId?.(headers);
    if (id !== undefined) {
      attributes[SAMPLING_PRIORITY] = 1;
      attributes[SAMPLING_DEBUG_ID] = id;
    }
    const route = matchRoute?.(path);
    if (route !== undefined) attributes['http.route'] = route;
    return route;
  };
}
