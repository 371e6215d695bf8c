/**
 * Pure helpers that turn what Node's HTTP objects already hold into stable HTTP semantic
 * convention values, without the URL parser on the common path.
 */

/** Query keys whose values are replaced, matching the official instrumentation's list. */
export const REDACTED_QUERY_KEYS: readonly string[] = ['sig', 'Signature', 'AWSAccessKeyId', 'X-Goog-Signature', 'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token'];
export const REDACTED = 'REDACTED';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'QUERY']);

/** `http.request.method`: known methods upper-cased, anything else `_OTHER`. */
export function normalizeMethod(method: string | undefined): string {
  if (method === undefined || method === '') return 'GET';
  if (KNOWN_METHODS.has(method)) return method;
  const upper = method.toUpperCase();
  return KNOWN_METHODS.has(upper) ? upper : '_OTHER';
}

/** Splits a request target (`/path?query`) into path and query (without `?`; undefined when empty). */
export function splitTarget(target: string | undefined): { path: string; query: string | undefined } {
  if (target === undefined || target === '') return { path: '/', query: undefined };
  const mark = target.indexOf('?');
  if (mark === -1) return { path: target, query: undefined };
  const query = target.slice(mark + 1);
  return { path: target.slice(0, mark), query: query === '' ? undefined : query };
}

/** The path of a request target (`/path?query`), without building the query. */
export function targetPath(target: string | undefined): string {
  if (target === undefined || target === '') return '/';
  const mark = target.indexOf('?');
  return mark === -1 ? target : target.slice(0, mark);
}

/** Redacts secret-looking query values; the result is in URLSearchParams form, as upstream's. */
export function redactQuery(query: string, keys: readonly string[] = REDACTED_QUERY_KEYS): string {
  const params = new URLSearchParams(query);
  for (const key of keys) if (params.has(key)) params.set(key, REDACTED);
  return params.toString();
}

/** Host and port from a `Host` header (`example.com:8080`, `[::1]:3000`). */
export function parseHostHeader(host: string | undefined, defaultPort: number): { address: string | undefined; port: number | undefined } {
  if (host === undefined || host === '') return { address: undefined, port: undefined };
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close === -1) return { address: host, port: defaultPort };
    const port = host.slice(close + 2);
    return { address: host.slice(1, close), port: port === '' ? defaultPort : toPort(port) };
  }
  const colon = host.indexOf(':');
  if (colon === -1 || host.indexOf(':', colon + 1) !== -1) return { address: host, port: defaultPort };
  return { address: host.slice(0, colon), port: toPort(host.slice(colon + 1)) };
}

function toPort(text: string): number | undefined {
  const port = Number(text);
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : undefined;
}

/** `client.address`: the first `X-Forwarded-For` entry, else the socket's peer. */
export function clientAddress(forwardedFor: string | string[] | undefined, remoteAddress: string | undefined): string | undefined {
  const header = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor;
  if (header !== undefined && header !== '') {
    const first = header.split(',')[0]?.trim();
    if (first !== undefined && first !== '') return first;
  }
  return remoteAddress;
}

/** The route Express matched, from what it leaves on the request: `req.baseUrl` + `req.route.path`. */
export function expressRoute(request: { baseUrl?: unknown; route?: { path?: unknown } }): string | undefined {
  const path = request.route?.path;
  let routePath: string;
  if (typeof path === 'string') routePath = path;
  else if (path instanceof RegExp) routePath = path.toString();
  else if (Array.isArray(path)) routePath = path.map((part) => (typeof part === 'string' ? part : String(part as RegExp))).join(',');
  else return undefined;
  const base = typeof request.baseUrl === 'string' ? request.baseUrl : '';
  return base + routePath;
}

/** `url.full` for an outgoing request, with credentials never included and the query redacted. */
export function outgoingUrl(protocol: string, host: string, port: number | undefined, target: string): string {
  const defaultPort = protocol === 'https:' ? 443 : 80;
  const hostPart = port === undefined || port === defaultPort || host.includes(':') ? host : `${host}:${port}`;
  const { path, query } = splitTarget(target);
  return `${protocol}//${hostPart}${path}${query === undefined ? '' : `?${redactQuery(query)}`}`;
}
