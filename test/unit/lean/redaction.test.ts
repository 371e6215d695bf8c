import { describe, expect, it } from 'vitest';
import { createQueryRedactor, outgoingUrl, REDACTED_QUERY_KEYS, redactedUrlAttributes, splitTarget } from '../../../src/instrumentation/lean/attributes';

describe('query and URL redaction', () => {
  it('redacts every key the semantic conventions list, plus configured ones, case-insensitively', () => {
    const redact = createQueryRedactor(['session_id']);
    const query = [...REDACTED_QUERY_KEYS, 'session_id'].map((key, index) => `${key}=secret${index}`).join('&');
    const redacted = new URLSearchParams(redact(`${query}&page=2`));
    for (const key of [...REDACTED_QUERY_KEYS, 'session_id']) expect(redacted.get(key), key).toBe('REDACTED');
    expect(redacted.get('page')).toBe('2');
    expect(redact('x-amz-signature=a&SESSION_ID=b')).toBe('x-amz-signature=REDACTED&SESSION_ID=REDACTED');
    expect(redact('s%69g=a')).toBe('sig=REDACTED');
    expect(createQueryRedactor()('session_id=kept')).toBe('session_id=kept');
  });

  it('redacts every value of a repeated key', () => {
    expect(createQueryRedactor()('sig=a&sig=b&q=1')).toBe('sig=REDACTED&q=1');
  });

  it('an absolute-form request target gives its path and query only: no user info, no host', () => {
    expect(splitTarget('http://user:pw@example.com:8080/a/b?sig=1')).toEqual({ path: '/a/b', query: 'sig=1' });
    expect(splitTarget('http://example.com')).toEqual({ path: '/', query: undefined });
    expect(splitTarget('not a url')).toEqual({ path: '/', query: undefined });
    expect(splitTarget('*')).toEqual({ path: '*', query: undefined });
  });

  it('outgoing url.full uses the configured redactor', () => {
    expect(outgoingUrl('http:', '127.0.0.1', 80, '/x?token=t&q=1', createQueryRedactor(['token']))).toBe('http://127.0.0.1/x?token=REDACTED&q=1');
  });

  it('fetch URL attributes: user info dropped, query redacted, nothing to override otherwise', () => {
    const redact = createQueryRedactor();
    expect(redactedUrlAttributes('http://u:p@h:81', '/p?sig=s&q=1', redact)).toEqual({ 'url.full': 'http://h:81/p?sig=REDACTED&q=1', 'url.query': '?sig=REDACTED&q=1' });
    expect(redactedUrlAttributes('http://h', '/p', redact)).toBeUndefined();
  });
});
