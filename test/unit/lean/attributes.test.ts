import { describe, expect, it } from 'vitest';
import { clientAddress, normalizeMethod, outgoingUrl, parseHostHeader, redactQuery, splitTarget, targetPath } from '../../../src/instrumentation/lean/attributes';

describe('lean HTTP attribute helpers', () => {
  it('normalises methods the way the stable conventions ask', () => {
    expect(normalizeMethod('GET')).toBe('GET');
    expect(normalizeMethod('post')).toBe('POST');
    expect(normalizeMethod('BREW')).toBe('_OTHER');
    expect(normalizeMethod(undefined)).toBe('GET');
  });

  it('splits a request target into path and query', () => {
    expect(splitTarget('/a/b?x=1&y=2')).toEqual({ path: '/a/b', query: 'x=1&y=2' });
    expect(splitTarget('/a?')).toEqual({ path: '/a', query: undefined });
    expect(splitTarget('/plain')).toEqual({ path: '/plain', query: undefined });
    expect(splitTarget(undefined)).toEqual({ path: '/', query: undefined });
  });

  it('takes the path of a request target without its query', () => {
    expect(targetPath('/a/b?x=1')).toBe('/a/b');
    expect(targetPath('/plain')).toBe('/plain');
    expect(targetPath('/a?')).toBe('/a');
    expect(targetPath(undefined)).toBe('/');
    expect(targetPath('')).toBe('/');
  });

  it('redacts signed-URL query values and keeps the rest', () => {
    expect(redactQuery('sig=secret&y=1')).toBe('sig=REDACTED&y=1');
    expect(redactQuery('X-Amz-Signature=abc')).toBe('X-Amz-Signature=REDACTED');
    expect(redactQuery('q=1')).toBe('q=1');
  });

  it('parses Host headers with and without ports, IPv6 included', () => {
    expect(parseHostHeader('example.com:8080', 80)).toEqual({ address: 'example.com', port: 8080 });
    expect(parseHostHeader('example.com', 443)).toEqual({ address: 'example.com', port: 443 });
    expect(parseHostHeader('[::1]:3000', 80)).toEqual({ address: '::1', port: 3000 });
    expect(parseHostHeader(undefined, 80)).toEqual({ address: undefined, port: undefined });
  });

  it('takes the first X-Forwarded-For entry as client address', () => {
    expect(clientAddress('203.0.113.7, 10.0.0.1', '127.0.0.1')).toBe('203.0.113.7');
    expect(clientAddress(undefined, '127.0.0.1')).toBe('127.0.0.1');
  });

  it('builds url.full without default ports and with the query redacted', () => {
    expect(outgoingUrl('http:', '127.0.0.1', 8080, '/down?sig=s&y=1')).toBe('http://127.0.0.1:8080/down?sig=REDACTED&y=1');
    expect(outgoingUrl('https:', 'example.com', 443, '/')).toBe('https://example.com/');
  });
});
