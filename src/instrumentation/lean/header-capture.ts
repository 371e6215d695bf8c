/**
 * Header capture by allowlist: only the headers named in the configuration are recorded, as the
 * HTTP semantic conventions' `http.request.header.<name>` / `http.response.header.<name>`
 * attributes, each a string array with one element per header value.
 */
import type { Span } from '@opentelemetry/api';

/** One allowlisted header and the attribute it is recorded under. */
export interface CapturedHeader {
  /** Lower-cased header name. */
  readonly name: string;
  readonly attribute: string;
}

/** The allowlisted headers of each direction, attribute keys computed once at start. */
export interface HeaderCapturePlan {
  readonly request: readonly CapturedHeader[];
  readonly response: readonly CapturedHeader[];
}

/** A header lookup, in any of the forms Node's request and response objects return. */
export type HeaderLookup = (name: string) => number | string | readonly string[] | undefined;

/** Nothing captured: the default. */
export const NO_HEADER_CAPTURE: HeaderCapturePlan = { request: [], response: [] };

/** Plans capture for the configured header names (matched case-insensitively). */
export function planHeaderCapture(names: { request?: readonly string[]; response?: readonly string[] }): HeaderCapturePlan {
  const plan = (direction: 'request' | 'response', list: readonly string[] = []): CapturedHeader[] =>
    [...new Set(list.map((name) => name.toLowerCase()))].map((name) => ({ name, attribute: `http.${direction}.header.${name}` }));
  return { request: plan('request', names.request), response: plan('response', names.response) };
}

/** Records each allowlisted header the lookup finds on the span; absent headers add nothing. */
export function recordHeaders(span: Span, headers: readonly CapturedHeader[], lookup: HeaderLookup): void {
  for (const header of headers) {
    const values = toStringArray(lookup(header.name));
    if (values !== undefined) span.setAttribute(header.attribute, values);
  }
}

function toStringArray(value: number | string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  return value.length > 0 ? [...value] : undefined;
}
