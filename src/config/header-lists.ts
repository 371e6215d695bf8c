/**
 * Parsing of the header-name lists in the configuration: the trusted sampling headers allowlist
 * and the captured headers. Shared by the environment reader and the code option checks.
 */
import type { TrustedSamplingHeader } from './options';

/** An HTTP field name as RFC 9110 defines a token. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Whether `name` can be an HTTP header name. */
export function isHeaderName(name: string): boolean {
  return HEADER_NAME.test(name);
}

/** What a trusted sampling header entry must look like, for messages. */
export const TRUSTED_HEADER_FORM = 'a header name, or name=value';

/**
 * Parses `name` or `name=value` (split at the first `=`, so values may contain `=`). The name is
 * lower-cased, as Node presents incoming header names; the value is kept exactly. Returns
 * `undefined` when the name is not a header name or the value is empty.
 */
export function parseTrustedHeader(entry: string): TrustedSamplingHeader | undefined {
  const separator = entry.indexOf('=');
  const name = (separator === -1 ? entry : entry.slice(0, separator)).trim();
  if (!isHeaderName(name)) return undefined;
  if (separator === -1) return { name: name.toLowerCase() };
  const value = entry.slice(separator + 1).trim();
  return value === '' ? undefined : { name: name.toLowerCase(), value };
}
