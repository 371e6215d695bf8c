import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzip } from 'node:zlib';
import type { ViewSpan } from '../trace-model';
import { decodeTraceRequestJson } from '../otlp/decode-json';
import { decodeTraceRequestProtobuf } from '../otlp/decode-protobuf';

/** Request bodies larger than this (before or after decompression) are refused with 413. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** What the receiver does with what it gets. */
export interface OtlpReceiverHandlers {
  /** Spans of one request that decoded. */
  accept(spans: ViewSpan[], encoding: 'protobuf' | 'json', bytes: number): void;
  /** A request that did not decode (answered 400) or was refused. */
  reject(reason: string): void;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, content-encoding',
};

/**
 * An OTLP/HTTP trace receiver: `POST /v1/traces` with protobuf or JSON bodies, gzip or not.
 * Answers 200 with an empty `ExportTraceServiceResponse` in the request's encoding, 400 for a
 * body that does not decode, 413 for one too large, 415 for another content type. Browser
 * exporters are allowed by CORS.
 */
export function createOtlpReceiver(handlers: OtlpReceiverHandlers): Server {
  return createServer((request, response) => {
    if (request.method === 'OPTIONS') return void response.writeHead(204, CORS_HEADERS).end();
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/v1/traces') return answer(response, 404, 'text/plain', 'only /v1/traces is served here (OTLP/HTTP traces)');
    if (request.method !== 'POST') return answer(response, 405, 'text/plain', 'POST OTLP trace requests to /v1/traces');
    const contentType = (request.headers['content-type'] ?? '').toLowerCase();
    const encoding = contentType.includes('json') ? 'json' : contentType.includes('protobuf') ? 'protobuf' : undefined;
    if (encoding === undefined) {
      handlers.reject(`content type ${JSON.stringify(contentType)}`);
      request.resume();
      return answer(response, 415, 'text/plain', 'send application/x-protobuf or application/json');
    }
    readBody(request, (error, body) => {
      if (error !== undefined || body === undefined) {
        handlers.reject(error?.message ?? 'no body');
        return answer(response, error instanceof BodyTooLargeError ? 413 : 400, 'text/plain', error?.message ?? 'no body');
      }
      let spans: ViewSpan[];
      try {
        spans = encoding === 'json' ? decodeTraceRequestJson(body) : decodeTraceRequestProtobuf(body);
      } catch (decodeError) {
        const reason = `not a valid OTLP ${encoding === 'json' ? 'JSON' : 'protobuf'} trace request: ${decodeError instanceof Error ? decodeError.message : String(decodeError)}`;
        handlers.reject(reason);
        return answer(response, 400, 'text/plain', reason);
      }
      handlers.accept(spans, encoding, body.length);
      if (encoding === 'json') answer(response, 200, 'application/json', '{}');
      else answer(response, 200, 'application/x-protobuf', '');
    });
  });
}

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage, done: (error: Error | undefined, body?: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  request.on('data', (chunk: Buffer) => {
    if (failed) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      failed = true;
      done(new BodyTooLargeError(`body larger than ${MAX_BODY_BYTES} bytes`));
      request.resume();
      return;
    }
    chunks.push(chunk);
  });
  request.on('error', (error) => {
    if (!failed) done(error);
    failed = true;
  });
  request.on('end', () => {
    if (failed) return;
    const body = Buffer.concat(chunks);
    const contentEncoding = (request.headers['content-encoding'] ?? '').toLowerCase();
    if (contentEncoding === 'gzip') {
      gunzip(body, { maxOutputLength: MAX_BODY_BYTES }, (error, inflated) => {
        if (error !== null) done((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? new BodyTooLargeError(`body larger than ${MAX_BODY_BYTES} bytes once decompressed`) : new Error(`gzip body does not decompress (${error.message})`));
        else done(undefined, inflated);
      });
    } else if (contentEncoding === '' || contentEncoding === 'identity') done(undefined, body);
    else done(new Error(`content encoding ${JSON.stringify(contentEncoding)} is not supported (use gzip or none)`));
  });
}

function answer(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { ...CORS_HEADERS, 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
  response.end(body);
}
