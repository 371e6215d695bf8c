import { describe, expect, it } from 'vitest';
import { HttpResponseParser, type ParseStep } from '../../../src/export/otlp/http-response-parser';

/** Feeds `text` in pieces of `size` bytes; returns the last step. */
function parse(text: string, size = text.length, limit = 1024): ParseStep {
  const parser = new HttpResponseParser(limit);
  const bytes = Buffer.from(text, 'latin1');
  let step: ParseStep = { kind: 'more' };
  for (let offset = 0; offset < bytes.length; offset += size) step = parser.push(bytes.subarray(offset, offset + size));
  return step;
}

function done(step: ParseStep) {
  if (step.kind !== 'done') throw new Error(`expected a complete response, got ${step.kind}`);
  return { ...step.response, body: step.response.body.toString() };
}

describe('HttpResponseParser', () => {
  it('reads a response with Content-Length, whatever the pieces it arrives in', () => {
    const text = 'HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 5\r\n\r\nhello';
    for (const size of [1, 2, 7, text.length]) {
      const response = done(parse(text, size));
      expect(response).toMatchObject({ status: 200, body: 'hello', keepAlive: true });
      expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    }
  });

  it('reads a chunked body with extensions and trailers', () => {
    const response = done(parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: 1\r\n\r\n', 3));
    expect(response.body).toBe('abcde');
    expect(response.keepAlive).toBe(true);
  });

  it('skips 100 Continue and reads the final response', () => {
    expect(done(parse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nContent-Length: 0\r\n\r\n'))).toMatchObject({ status: 503, body: '' });
  });

  it('reads a body without a length until the connection closes, and keeps no connection', () => {
    const parser = new HttpResponseParser(1024);
    expect(parser.push(Buffer.from('HTTP/1.1 200 OK\r\n\r\npartial'))).toEqual({ kind: 'more' });
    const step = parser.end();
    expect(done(step)).toMatchObject({ status: 200, body: 'partial', keepAlive: false });
  });

  it('honours Connection: close and HTTP/1.0 without keep-alive', () => {
    expect(done(parse('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')).keepAlive).toBe(false);
    expect(done(parse('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n')).keepAlive).toBe(false);
    expect(done(parse('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n')).keepAlive).toBe(true);
  });

  it('stops at the body limit and at malformed input; a cut-short response is malformed', () => {
    expect(parse('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789', 4, 8)).toEqual({ kind: 'too-large' });
    expect(parse('NOT HTTP\r\n\r\n')).toEqual({ kind: 'malformed' });
    expect(parse('HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n')).toEqual({ kind: 'malformed' });
    expect(parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')).toEqual({ kind: 'malformed' });
    const parser = new HttpResponseParser(1024);
    parser.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    expect(parser.end()).toEqual({ kind: 'malformed' });
    expect(parse(`HTTP/1.1 200 OK\r\n${'x'.repeat(20_000)}`)).toEqual({ kind: 'malformed' });
  });

  it('gives 204 and 304 no body', () => {
    expect(done(parse('HTTP/1.1 204 No Content\r\n\r\n'))).toMatchObject({ status: 204, body: '', keepAlive: true });
  });
});
