import { describe, expect, it } from 'vitest';
import { addRequestHeader, fetchSpanStart, lastHeaderValue, type UndiciRequestLike } from '../../../src/instrumentation/lean/fetch-attributes';

const request = (overrides: Partial<UndiciRequestLike>): UndiciRequestLike => ({ origin: 'http://127.0.0.1:8080', path: '/', method: 'GET', headers: [], ...overrides });

describe('fetch span attributes', () => {
  it('describes the request with stable HTTP conventions', () => {
    expect(fetchSpanStart(request({ path: '/a/b?X-Amz-Signature=abc&x=1', headers: ['User-Agent', 'agent/1'] }))).toEqual({
      name: 'GET',
      attributes: {
        'http.request.method': 'GET',
        'url.full': 'http://127.0.0.1:8080/a/b?X-Amz-Signature=REDACTED&x=1',
        'url.path': '/a/b',
        'url.query': 'X-Amz-Signature=REDACTED&x=1',
        'url.scheme': 'http',
        'server.address': '127.0.0.1',
        'server.port': 8080,
        'user_agent.original': 'agent/1',
      },
    });
  });

  it('uses the scheme default port and leaves out an empty query', () => {
    const { attributes } = fetchSpanStart(request({ origin: 'https://example.com', path: '/x?' }));
    expect(attributes['server.port']).toBe(443);
    expect(attributes['url.full']).toBe('https://example.com/x');
    expect(attributes['url.query']).toBeUndefined();
    expect(fetchSpanStart(request({ origin: 'http://example.com' })).attributes['server.port']).toBe(80);
  });

  it('never puts credentials in url.full, whatever form the origin has', () => {
    expect(fetchSpanStart(request({ origin: 'http://user:secret@example.com:81' })).attributes['url.full']).toBe('http://example.com:81/');
    expect(fetchSpanStart(request({ origin: new URL('https://user:secret@example.com/') })).attributes).toMatchObject({
      'url.full': 'https://example.com/',
      'server.address': 'example.com',
    });
  });

  it('takes the address of an IPv6 origin without brackets', () => {
    expect(fetchSpanStart(request({ origin: 'http://[::1]:3000' })).attributes).toMatchObject({ 'server.address': '::1', 'server.port': 3000 });
  });

  it('upper-cases known methods, and names unknown ones HTTP with _OTHER', () => {
    expect(fetchSpanStart(request({ method: 'patch' }))).toMatchObject({ name: 'PATCH', attributes: { 'http.request.method': 'PATCH', 'http.request.method_original': 'patch' } });
    expect(fetchSpanStart(request({ method: 'BREW' }))).toMatchObject({ name: 'HTTP', attributes: { 'http.request.method': '_OTHER', 'http.request.method_original': 'BREW' } });
    expect(fetchSpanStart(request({ method: 'GET' })).attributes['http.request.method_original']).toBeUndefined();
  });
});

describe('undici request headers', () => {
  it('reads the last value of a header from the array form, case-insensitively', () => {
    expect(lastHeaderValue(['accept', '*/*', 'User-Agent', 'a', 'user-agent', ['b', 'c']], 'user-agent')).toBe('c');
    expect(lastHeaderValue(['accept', '*/*'], 'user-agent')).toBeUndefined();
  });

  it('reads a header from the raw string form', () => {
    expect(lastHeaderValue('accept: */*\r\nUser-Agent:  agent/2 \r\n', 'user-agent')).toBe('agent/2');
  });

  it('adds a header through addHeader, or into the array or string form', () => {
    const added: string[] = [];
    addRequestHeader(request({ addHeader: (name, value) => added.push(name, value) }), 'traceparent', 'tp');
    expect(added).toEqual(['traceparent', 'tp']);
    const array = request({ headers: ['accept', '*/*'] });
    addRequestHeader(array, 'traceparent', 'tp');
    expect(array.headers).toEqual(['accept', '*/*', 'traceparent', 'tp']);
    const text = request({ headers: 'accept: */*\r\n' });
    addRequestHeader(text, 'traceparent', 'tp');
    expect(text.headers).toBe('accept: */*\r\ntraceparent: tp\r\n');
  });
});
