import type { SpanContext } from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

const kRequests = Symbol('otel-bootstrap.metrics.socket-requests');
const INITIAL_SLOTS = 2;

/**
 * The requests of one connection whose response has not finished, oldest first (HTTP/1.1 answers
 * in order, so with pipelining the finished one is the first in nearly every case). Allocated once
 * per connection and reused by every request on it.
 */
class SocketRequests {
  requests: Array<IncomingMessage | undefined> = new Array<IncomingMessage | undefined>(INITIAL_SLOTS).fill(undefined);
  starts = new Float64Array(INITIAL_SLOTS);
  spans: Array<SpanContext | undefined> = new Array<SpanContext | undefined>(INITIAL_SLOTS).fill(undefined);
  count = 0;
}

type TrackedSocket = Socket & { [kRequests]?: SocketRequests };

/** Called for each request still open when its connection closes (the client went away). */
export type AbortedRequestHandler = (request: IncomingMessage, socket: Socket, startMillis: number, spanContext: SpanContext | undefined) => void;

/**
 * When each in-flight request started, kept on its connection instead of on the request, so
 * tracking a request allocates nothing (the connection's table is made at its first request).
 * A request still open when the connection closes is handed to the aborted handler.
 */
export class ServerRequestTracker {
  readonly #onAborted: AbortedRequestHandler;
  readonly #onSocketClose: (this: TrackedSocket) => void;
  /** The sampled span context of the request {@link take} returned last. */
  takenSpanContext: SpanContext | undefined;

  constructor(onAborted: AbortedRequestHandler) {
    this.#onAborted = onAborted;
    const abortAll = (socket: TrackedSocket): void => this.#abortAll(socket);
    // One listener function for every socket: `this` is the socket that closed.
    this.#onSocketClose = function onSocketClose(this: TrackedSocket): void {
      abortAll(this);
    };
  }

  /** Notes that `request` started at `startMillis` (a `performance.now()` reading). */
  start(request: IncomingMessage, socket: Socket, startMillis: number, spanContext: SpanContext | undefined): void {
    const tracked = socket as TrackedSocket;
    let table = tracked[kRequests];
    if (table === undefined) {
      table = new SocketRequests();
      tracked[kRequests] = table;
      socket.on('close', this.#onSocketClose);
    }
    if (table.count === table.requests.length) grow(table);
    const slot = table.count++;
    table.requests[slot] = request;
    table.starts[slot] = startMillis;
    table.spans[slot] = spanContext;
  }

  /**
   * Removes `request` and returns its start reading, with its span context in
   * {@link takenSpanContext}; `NaN` when it was not tracked.
   */
  take(request: IncomingMessage, socket: TrackedSocket | null | undefined): number {
    const table = socket?.[kRequests];
    this.takenSpanContext = undefined;
    if (table === undefined) return Number.NaN;
    for (let slot = 0; slot < table.count; slot++) {
      if (table.requests[slot] !== request) continue;
      const start = table.starts[slot] as number;
      this.takenSpanContext = table.spans[slot];
      for (let next = slot + 1; next < table.count; next++) {
        table.requests[next - 1] = table.requests[next];
        table.starts[next - 1] = table.starts[next] as number;
        table.spans[next - 1] = table.spans[next];
      }
      table.count--;
      table.requests[table.count] = undefined;
      table.spans[table.count] = undefined;
      return start;
    }
    return Number.NaN;
  }

  #abortAll(socket: TrackedSocket): void {
    const table = socket[kRequests];
    if (table === undefined) return;
    while (table.count > 0) {
      const request = table.requests[0];
      if (request === undefined) break;
      const start = this.take(request, socket);
      this.#onAborted(request, socket, start, this.takenSpanContext);
    }
  }
}

function grow(table: SocketRequests): void {
  const size = table.requests.length * 2;
  const starts = new Float64Array(size);
  starts.set(table.starts);
  table.starts = starts;
  table.requests = [...table.requests, ...new Array<IncomingMessage | undefined>(size - table.requests.length).fill(undefined)];
  table.spans = [...table.spans, ...new Array<SpanContext | undefined>(size - table.spans.length).fill(undefined)];
}
