/** Redaction of secrets in configuration values shown to people: summaries and warnings. */

/** Replacement for secret values in the configuration summary and in warnings. */
export const REDACTED = '[REDACTED]';

const SECRET_QUERY_KEY = /(sig|signature|token|key|secret|password|credential|auth)/i;
/** `scheme://user:password@` (or `//user@`) in text that may not parse as a URL. */
const USER_INFO = /\/\/[^/?#@\s]*@/g;

/** Removes credentials from a URL: user info is dropped and secret-looking query values hidden. */
export function redactUrl(text: string): string {
  if (!URL.canParse(text)) return redactUserInfo(text);
  const url = new URL(text);
  if (url.username !== '' || url.password !== '') {
    url.username = REDACTED;
    url.password = '';
  }
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_QUERY_KEY.test(key)) url.searchParams.set(key, REDACTED);
  }
  return url.toString();
}

/** Hides anything that looks like URL user info (`//user:password@`) in free text. */
export function redactUserInfo(text: string): string {
  return text.replace(USER_INFO, `//${REDACTED}@`);
}
