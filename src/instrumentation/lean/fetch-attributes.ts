import type { Attributes } from '@opentelemetry/api';
import { normalizeMethod, parseHostHeader, redactQuery, splitTarget, type QueryRedactor } from './attributes';

/**
 * The parts of an undici request that its diagnostics channels expose and that a client span
 * needs. Node's bundled undici (v6) keeps headers as a flat `[name, value, ...]` array; the
 * undici 5 package keeps them as one raw `name: value\r\n` string.
 */
export interface UndiciRequestLike {
  origin: string | URL;
  path: string;
  method: string;
  headers: unknown;
  addHeader?: (name: string, value: string) => unknown;
}

/** Span name and start attributes of an undici client request. */
export interface FetchSpanStart {
  name: string;
  attributes: Attributes;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };

/**
 * Name and sampler-visible attributes of a client span for an undici request: stable HTTP
 * semantic conventions, `url.full` without credentials and with secret query values redacted.
 */
export function fetchSpanStart(request: UndiciRequestLike, redact: QueryRedactor = redactQuery): FetchSpanStart {
  const method = normalizeMethod(request.method);
  const origin = withoutCredentials(String(request.origin));
  const schemeEnd = origin.indexOf('://');
  const scheme = schemeEnd === -1 ? 'http' : origin.slice(0, schemeEnd).toLowerCase();
  const authority = schemeEnd === -1 ? origin : origin.slice(schemeEnd + 3);
  const { address, port } = parseHostHeader(stripTrailingSlash(authority), DEFAULT_PORTS[scheme] ?? 80);
  const { path, query } = splitTarget(request.path);
  const redactedQuery = query === undefined ? undefined : redact(query);
  const attributes: Attributes = {
    'http.request.method': method,
    'url.full': `${stripTrailingSlash(origin)}${path}${redactedQuery === undefined ? '' : `?${redactedQuery}`}`,
    'url.path': path,
    'url.scheme': scheme,
    'server.address': address,
    'server.port': port,
  };
  if (redactedQuery !== undefined) attributes['url.query'] = redactedQuery;
  if (request.method !== method) attributes['http.request.method_original'] = request.method;
  const userAgent = lastHeaderValue(request.headers, 'user-agent');
  if (userAgent !== undefined) attributes['user_agent.original'] = userAgent;
  return { name: method === '_OTHER' ? 'HTTP' : method, attributes };
}

/**
 * The last value of a request header (lower-case `name`) from either header form undici uses;
 * several values for one name are not expected, and the last one wins as with curl.
 */
export function lastHeaderValue(headers: unknown, name: string): string | undefined {
  let found: string | undefined;
  if (Array.isArray(headers)) {
    for (let index = 0; index + 1 < headers.length; index += 2) {
      const key: unknown = headers[index];
      if (typeof key !== 'string' || key.length !== name.length || key.toLowerCase() !== name) continue;
      const value: unknown = headers[index + 1];
      if (typeof value === 'string') found = value;
      else if (Array.isArray(value) && value.length > 0) found = String(value[value.length - 1]);
    }
  } else if (typeof headers === 'string') {
    for (const line of headers.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon !== -1 && line.slice(0, colon).trim().toLowerCase() === name) found = line.slice(colon + 1).trim();
    }
  }
  return found;
}

/**
 * Every value of a header (lower-case `name`) from undici's flat `[name, value, ...]` form, where
 * names and values may be strings or Buffers; undefined when absent.
 */
export function undiciHeaderValues(headers: unknown, name: string): string[] | undefined {
  if (!Array.isArray(headers)) {
    const value = lastHeaderValue(headers, name);
    return value === undefined ? undefined : [value];
  }
  const values: string[] = [];
  for (let index = 0; index + 1 < headers.length; index += 2) {
    const key = String(headers[index]);
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    const value: unknown = headers[index + 1];
    if (Array.isArray(value)) for (const item of value) values.push(String(item));
    else values.push(String(value));
  }
  return values.length > 0 ? values : undefined;
}

/** Adds a header to an undici request through `addHeader`, or into whichever header form it keeps. */
export function addRequestHeader(request: UndiciRequestLike, name: string, value: string): void {
  if (typeof request.addHeader === 'function') request.addHeader(name, value);
  else if (Array.isArray(request.headers)) (request.headers as unknown[]).push(name, value);
  else if (typeof request.headers === 'string') request.headers += `${name}: ${value}\r\n`;
}

/** An origin (`scheme://userinfo@host:port`) without its user information. */
function withoutCredentials(origin: string): string {
  const at = origin.indexOf('@');
  if (at === -1) return origin;
  const schemeEnd = origin.indexOf('://');
  const slash = origin.indexOf('/', schemeEnd === -1 ? 0 : schemeEnd + 3);
  if (slash !== -1 && slash < at) return origin;
  return schemeEnd === -1 ? origin.slice(at + 1) : `${origin.slice(0, schemeEnd + 3)}${origin.slice(at + 1)}`;
}

function stripTrailingSlash(text: string): string {
  return text.endsWith('/') ? text.slice(0, -1) : text;
}
