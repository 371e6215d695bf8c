import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJsonTraces, decodeProtobufTraces, type ReceivedSpan } from './otlp-decode';

/**
 * How the receiver answers export requests; tests switch it to script collector failures.
 * - `ok`: decode and keep the spans, answer 200.
 * - `status`: answer this status (with optional headers such as Retry-After), keep nothing.
 * - `hang`: accept the request and never answer.
 * - `slow`: like `ok`, after `delayMillis`.
 * - `huge`: answer 200 with a body of `bytes` bytes, keep nothing.
 * - `partial`: keep the spans and answer 200 with `partial_success` (rejected count and message),
 *   in the encoding of the request.
 * - `too-large`: answer 413 to a request with more than `maxSpans` spans, else as `ok`.
 * - `sequence`: each request takes the next step; once they are used up, `then` applies.
 */
export type ReceiverMode =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'slow'; delayMillis: number }
  | { kind: 'huge'; bytes: number }
  | { kind: 'partial'; rejectedSpans: number; errorMessage: string }
  | { kind: 'too-large'; maxSpans: number }
  | { kind: 'sequence'; steps: SimpleMode[]; then: SimpleMode };

/** A mode that answers one request by itself. */
export type SimpleMode = Exclude<ReceiverMode, { kind: 'sequence' }>;

/** One request as the receiver saw it, whatever it answered. */
export interface ReceivedRequest {
  contentType: string;
  bytes: number;
  headers: IncomingMessage['headers'];
  /** Span ids in the body, so a retried batch can be recognised. */
  spanIds: string[];
  /** How it was answered: `ok`, `status 503`, `hang`, `slow`, `huge`. */
  answer: string;
  /** `Date.now()` when the body was complete. */
  at: number;
}

/** A metrics export the receiver took (always answered with success). */
export interface ReceivedMetricsRequest {
  contentType: string;
  body: Buffer;
  at: number;
}

/** An OTLP/HTTP trace receiver on 127.0.0.1 and an ephemeral port, for tests. */
export interface OtlpReceiver {
  /** Requests to `/v1/metrics`, kept apart from the trace requests and always accepted. */
  metrics: ReceivedMetricsRequest[];
  /** Resolves when at least `count` metrics requests arrived, or rejects after `timeoutMillis`. */
  waitForMetrics(count: number, timeoutMillis?: number): Promise<ReceivedMetricsRequest[]>;
  /** Base URL, e.g. `http://127.0.0.1:41234`; exporters send to `${url}/v1/traces`. */
  url: string;
  spans: ReceivedSpan[];
  requests: ReceivedRequest[];
  mode: ReceiverMode;
  /** Resolves when at least `count` spans (matching `filter`) arrived, or rejects after `timeoutMillis`. */
  waitForSpans(count: number, timeoutMillis?: number, filter?: (span: ReceivedSpan) => boolean): Promise<ReceivedSpan[]>;
  /** Resolves when at least `count` requests arrived (whatever the answer), or rejects after `timeoutMillis`. */
  waitForRequests(count: number, timeoutMillis?: number): Promise<ReceivedRequest[]>;
  /** Stops listening (connections are refused) while keeping the port for {@link OtlpReceiver.listen}. */
  refuse(): Promise<void>;
  /** Listens again on the same port after {@link OtlpReceiver.refuse}. */
  listen(): Promise<void>;
  /** Forgets the spans and requests received so far and answers every request with success again. */
  reset(): void;
  close(): Promise<void>;
}

function decodeSpans(contentType: string, body: Buffer): ReceivedSpan[] {
  try {
    return contentType.includes('json') ? decodeJsonTraces(body) : decodeProtobufTraces(body);
  } catch {
    return [];
  }
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const hanging = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  const waitFor = <T>(describe: () => string, ready: () => T | undefined, timeoutMillis: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const result = ready();
        if (result === undefined) return false;
        waiters.delete(onChange);
        clearTimeout(timer);
        resolve(result);
        return true;
      };
      const onChange = (): void => void check();
      const timer = setTimeout(() => {
        waiters.delete(onChange);
        reject(new Error(describe()));
      }, timeoutMillis);
      if (!check()) waiters.add(onChange);
    });
  let port = 0;
  const receiver: OtlpReceiver = {
    url: '',
    spans: [],
    requests: [],
    metrics: [],
    mode: { kind: 'ok' },
    waitForMetrics(count, timeoutMillis = 20_000) {
      return waitFor(
        () => `expected ${count} metrics requests within ${timeoutMillis} ms, received ${receiver.metrics.length}`,
        () => (receiver.metrics.length >= count ? receiver.metrics.slice() : undefined),
        timeoutMillis,
      );
    },
    waitForSpans(count, timeoutMillis = 20_000, filter = () => true) {
      return waitFor(
        () => `expected ${count} spans within ${timeoutMillis} ms, received ${receiver.spans.filter(filter).length}`,
        () => {
          const matching = receiver.spans.filter(filter);
          return matching.length >= count ? matching : undefined;
        },
        timeoutMillis,
      );
    },
    waitForRequests(count, timeoutMillis = 20_000) {
      return waitFor(
        () => `expected ${count} requests within ${timeoutMillis} ms, received ${receiver.requests.length}`,
        () => (receiver.requests.length >= count ? receiver.requests.slice() : undefined),
        timeoutMillis,
      );
    },
    async refuse() {
      dropConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async listen() {
      if (!server.listening) await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    reset() {
      receiver.spans.length = 0;
      receiver.requests.length = 0;
      receiver.metrics.length = 0;
      receiver.mode = { kind: 'ok' };
    },
    async close() {
      dropConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const dropConnections = (): void => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    for (const response of hanging) response.destroy();
    hanging.clear();
    server.closeAllConnections();
  };
  const nextMode = (): SimpleMode => {
    const mode = receiver.mode;
    if (mode.kind !== 'sequence') return mode;
    return mode.steps.shift() ?? mode.then;
  };
  const accept = (contentType: string, spans: ReceivedSpan[], response: ServerResponse): void => {
    receiver.spans.push(...spans);
    notify();
    response.writeHead(200, { 'content-type': contentType.includes('json') ? 'application/json' : 'application/x-protobuf' });
    response.end(contentType.includes('json') ? '{}' : undefined);
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const contentType = request.headers['content-type'] ?? '';
      if (request.url === '/v1/metrics') {
        receiver.metrics.push({ contentType, body, at: Date.now() });
        notify();
        response.writeHead(200, { 'content-type': contentType.includes('json') ? 'application/json' : 'application/x-protobuf' });
        response.end(contentType.includes('json') ? '{}' : undefined);
        return;
      }
      const spans = decodeSpans(contentType, body);
      const mode = nextMode();
      const tooLarge = mode.kind === 'too-large' && spans.length > mode.maxSpans;
      const answer = mode.kind === 'status' ? `status ${mode.status}` : tooLarge ? 'status 413' : mode.kind;
      receiver.requests.push({ contentType, bytes: body.length, headers: request.headers, spanIds: spans.map((span) => span.spanId), answer, at: Date.now() });
      notify();
      switch (mode.kind) {
        case 'ok':
          return accept(contentType, spans, response);
        case 'too-large':
          if (tooLarge) return void response.writeHead(413).end();
          return accept(contentType, spans, response);
        case 'partial':
          receiver.spans.push(...spans);
          notify();
          if (contentType.includes('json')) {
            response.writeHead(200, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ partialSuccess: { rejectedSpans: String(mode.rejectedSpans), errorMessage: mode.errorMessage } }));
          } else {
            response.writeHead(200, { 'content-type': 'application/x-protobuf' });
            response.end(partialSuccessProtobuf(mode.rejectedSpans, mode.errorMessage));
          }
          return;
        case 'hang':
          hanging.add(response);
          return;
        case 'status':
          response.writeHead(mode.status, mode.headers).end();
          return;
        case 'slow': {
          const timer = setTimeout(() => {
            timers.delete(timer);
            accept(contentType, spans, response);
          }, mode.delayMillis);
          timers.add(timer);
          return;
        }
        case 'huge': {
          response.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': String(mode.bytes) });
          const chunk = Buffer.alloc(64 * 1024, 0x61);
          let left = mode.bytes;
          const writeMore = (): void => {
            while (left > 0) {
              const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
              left -= piece.length;
              if (!response.write(piece)) return void response.once('drain', writeMore);
            }
            response.end();
          };
          response.on('error', () => undefined);
          writeMore();
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${port}`;
  return receiver;
}

/** An `ExportTraceServiceResponse` with `partial_success` (field 1: rejected_spans 1, error_message 2), encoded by hand. */
function partialSuccessProtobuf(rejectedSpans: number, errorMessage: string): Buffer {
  const varint = (value: number): number[] => {
    const bytes: number[] = [];
    let rest = value;
    while (rest >= 0x80) {
      bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    bytes.push(rest);
    return bytes;
  };
  const message = Buffer.from(errorMessage, 'utf8');
  const inner = Buffer.from([0x08, ...varint(rejectedSpans), 0x12, ...varint(message.length), ...message]);
  return Buffer.from([0x0a, ...varint(inner.length), ...inner]);
}
