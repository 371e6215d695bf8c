/**
 * The trust boundary for inbound requests: whether the trace context a caller sends may choose
 * the server span's parent and sampling decision. A public entry point cannot let any client
 * force sampling (`traceparent ...-01` on every request) or graft its spans onto a trace, so with
 * trust off the server span starts a new trace, sampled by the local root sampler, and links to
 * the caller's span context so the caller's trace can still be found.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { propagation, trace, type Context, type Link } from '@opentelemetry/api';
import { EMPTY_CONTEXT } from '../../context/linked-context';
import type { TrustedSamplingHeader } from '../../config/options';

/** The context a server span starts under, and the links it carries. */
export interface InboundParent {
  parent: Context;
  links: Link[] | undefined;
}

/** What decides trust: the switch and the headers that make a request trusted regardless. */
export interface InboundTrustSettings {
  trustRemoteSampling: boolean;
  trustedSamplingHeaders: readonly TrustedSamplingHeader[];
}

/** Extracts inbound context as is: the caller's span is the parent and its sampled flag counts. */
export function trustedInboundParent(headers: IncomingHttpHeaders): InboundParent {
  return { parent: propagation.extract(EMPTY_CONTEXT, headers), links: undefined };
}

/**
 * Builds the function that turns request headers into the server span's parent context. With
 * trust on it is {@link trustedInboundParent}. With trust off, a request carrying an allowlisted
 * header is still trusted; any other request keeps its baggage (application data, which decides
 * nothing about sampling) but loses its remote span: the span becomes a root and links to it.
 */
export function createInboundParentResolver(settings: InboundTrustSettings): (headers: IncomingHttpHeaders) => InboundParent {
  if (settings.trustRemoteSampling) return trustedInboundParent;
  const allowlist = settings.trustedSamplingHeaders;
  return (headers) => {
    const extracted = propagation.extract(EMPTY_CONTEXT, headers);
    const remote = trace.getSpanContext(extracted);
    if (remote === undefined || !trace.isSpanContextValid(remote)) return { parent: extracted, links: undefined };
    if (allowlist.some((entry) => carriesTrustedHeader(headers, entry))) return { parent: extracted, links: undefined };
    return { parent: trace.deleteSpan(extracted), links: [{ context: remote }] };
  };
}

/** Whether the headers carry `entry`: the name at all, or exactly its value. */
export function carriesTrustedHeader(headers: IncomingHttpHeaders, entry: TrustedSamplingHeader): boolean {
  const received = headers[entry.name];
  if (received === undefined) return false;
  if (entry.value === undefined) return true;
  const expected = entry.value;
  return Array.isArray(received) ? received.some((value) => sameSecret(value, expected)) : sameSecret(received, expected);
}

/** Compares in time independent of where the strings differ: the value is a debug token. */
function sameSecret(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && (require('node:crypto') as typeof import('node:crypto')).timingSafeEqual(a, b);
}
