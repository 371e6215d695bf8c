import { normalizeMethod } from '../../instrumentation/lean/attributes';

/** `http.request.method` values by code; `_OTHER` for methods outside the known set. */
export const METHODS: readonly string[] = ['_OTHER', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'QUERY'];
const CODES = new Map(METHODS.map((method, code) => [method, code]));

/** The code of a request's method (normalized as the semantic conventions say). */
export function methodCode(method: string | undefined): number {
  return CODES.get(normalizeMethod(method)) ?? 0;
}
