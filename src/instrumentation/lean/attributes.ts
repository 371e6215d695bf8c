/**
 * Pure helpers that turn what Node's HTTP objects already hold into stable HTTP semantic
 * convention values, without the URL parser on the common path.
 */

/** Query keys whose values are always replaced: the signed-URL keys the HTTP semantic conventions list. */
export const REDACTED_QUERY_KEYS: readonly string[] = ['sig', 'Signature', 'AWSAccessKeyId', 'X-Goog-Signature', 'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token'];
/** What a redacted query value becomes, as the semantic conventions spell it. */
export const REDACTED = 'REDACTED';

/** Replaces the values of secret query keys in a query string (without `?`). */
export type QueryRedactor = (query: string) => string;

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'QUERY']);

/** `http.request.method`: known methods upper-cased, anything else `_OTHER`. */
export function normalizeMethod(method: string | undefined): string {
  if (method === undefined || method === '') return 'GET';
  if (KNOWN_METHODS.has(method)) return method;
  const upper = method.toUpperCase();
  return KNOWN_METHODS.has(upper) ? upper : '_OTHER';
}

/**
 * Splits a request target (`/path?query`) into path and query (without `?`; undefined when empty).
 * An absolute-form target (`http://user:pw@host/path`, as sent to proxies) gives its path only, so
 * user info and host never reach `url.path`.
 */
export function splitTarget(target: string | undefined): { path: string; query: string | undefined } {
  if (target === undefined || target === '') return { path: '/', query: undefined };
  if (!target.startsWith('/') && target !== '*') return splitAbsoluteTarget(target);
  const mark = target.indexOf('?');
  if (mark === -1) return { path: target, query: undefined };
  const query = target.slice(mark + 1);
  return { path: target.slice(0, mark), query: query === '' ? undefined : query };
}

/** The path of a request target (`/path?query`), without building the query. */
export function targetPath(target: string | undefined): string {
  if (target === undefined || target === '') return '/';
  if (!target.startsWith('/')) return splitTarget(target).path;
  const mark = target.indexOf('?');
  return mark === -1 ? target : target.slice(0, mark);
}

function splitAbsoluteTarget(target: string): { path: string; query: string | undefined } {
  if (!URL.canParse(target)) return { path: '/', query: undefined };
  const url = new URL(target);
  return { path: url.pathname, query: url.search === '' ? undefined : url.search.slice(1) };
}

/**
 * A redactor for the semantic conventions' keys plus `extraKeys`. Keys match case-insensitively,
 * so `x-amz-signature` is as secret as `X-Amz-Signature`. The result is in URLSearchParams form, as
 * upstream's is.
 */
export function createQueryRedactor(extraKeys: readonly string[] = []): QueryRedactor {
  const secretKeys = new Set([...REDACTED_QUERY_KEYS, ...extraKeys].map((key) => key.toLowerCase()));
  return (query) => {
    const params = new URLSearchParams(query);
    for (const key of new Set(params.keys())) if (secretKeys.has(key.toLowerCase())) params.set(key, REDACTED);
    return params.toString();
  };
}

const redactDefaultKeys = createQueryRedactor();

/** Redacts the values of the listed keys (default: the semantic conventions' list) in `query`. */
export function redactQuery(query: string, keys?: readonly string[]): string {
  return keys === undefined ? redactDefaultKeys(query) : createQueryRedactor(keys)(query);
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

/** `url.full` for an outgoing request, with credentials never included and the query redacted. */
export function outgoingUrl(protocol: string, host: string, port: number | undefined, target: string, redact: QueryRedactor = redactDefaultKeys): string {
  const defaultPort = protocol === 'https:' ? 443 : 80;
  const hostPart = port === undefined || port === defaultPort || host.includes(':') ? host : `${host}:${port}`;
  const { path, query } = splitTarget(target);
  return `${protocol}//${hostPart}${path}${query === undefined ? '' : `?${redact(query)}`}`;
}

/**
 * `url.full` and `url.query` for a URL without user info and with secret query values redacted,
 * for instrumentations (such as undici's) that record the URL as given. `url.query` keeps the `?`
 * that instrumentation writes. Returns nothing to override when the URL needs no change.
 */
export function redactedUrlAttributes(origin: string, path: string, redact: QueryRedactor): { 'url.full': string; 'url.query': string } | undefined {
  if (!URL.canParse(path, origin)) return undefined;
  const url = new URL(path, origin);
  if (url.search === '' && url.username === '' && url.password === '') return undefined;
  url.username = '';
  url.password = '';
  if (url.search !== '') url.search = redact(url.search.slice(1));
  return { 'url.full': url.toString(), 'url.query': url.search };
}
