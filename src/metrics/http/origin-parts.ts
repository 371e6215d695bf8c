import { parseHostHeader } from '../../instrumentation/lean/attributes';

/** The parts of a request origin that client duration series use. */
export interface OriginParts {
  address: string;
  port: number;
  https: boolean;
}

const CACHE_LIMIT = 1024;
const cache = new Map<string, OriginParts>();

/**
 * `server.address`, `server.port` and the scheme of an origin (`https://api.example:8443`).
 * Services call few origins, so each is parsed once and then found by its string.
 */
export function originParts(origin: string): OriginParts {
  const cached = cache.get(origin);
  if (cached !== undefined) return cached;
  const schemeEnd = origin.indexOf('://');
  const scheme = schemeEnd === -1 ? 'http' : origin.slice(0, schemeEnd).toLowerCase();
  let authority = schemeEnd === -1 ? origin : origin.slice(schemeEnd + 3);
  const slash = authority.indexOf('/');
  if (slash !== -1) authority = authority.slice(0, slash);
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  const https = scheme === 'https';
  const { address, port } = parseHostHeader(authority, https ? 443 : 80);
  const parts: OriginParts = { address: address ?? '', port: port ?? 0, https };
  if (cache.size < CACHE_LIMIT) cache.set(origin, parts);
  return parts;
}
