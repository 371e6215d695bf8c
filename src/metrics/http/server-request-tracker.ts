import type { SpanContext } from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

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
  routes: Array<string | undefined> = new Array<string | undefined>(INITIAL_SLOTS).fill(undefined);
  count = 0;
}

type TrackedSocket = Socket & { [kRequests]?: SocketRequests };

/** Called for each request still open when its connection closes (the client went away); its start is in `takenStart[0]`. */
export type AbortedRequestHandler = (request: IncomingMessage, socket: Socket, spanContext: SpanContext | undefined) => void;

/**
 * When each in-flight request started, kept on its connection instead of on the request, so
 * tracking a request allocates nothing (the connection's table is made at its first request).
 * A request still open when the connection closes is handed to the aborted handler.
 */
export class ServerRequestTracker {
  readonly #onAborted: AbortedRequestHandler;
  readonly #onSocketClose: (this: TrackedSocket) => void;
  /** The sampled span context of the request {@link take} found last. */
  takenSpanContext: SpanContext | undefined;
  /** The route template noted at the start of the request {@link take} found last. */
  takenRoute: string | undefined;
  /**
   * The start (`performance.now()`) of the request {@link take} found last. Kept in a typed array
   * rather than returned, so no number is boxed on the way.
   */
  readonly takenStart = new Float64Array(1);

  constructor(onAborted: AbortedRequestHandler) {
    this.#onAborted = onAborted;
    const abortAll = (socket: TrackedSocket): void => this.#abortAll(socket);
    // One listener function for every socket: `this` is the socket that closed.
    this.#onSocketClose = function onSocketClose(this: TrackedSocket): void {
      abortAll(this);
    };
  }

  /** Notes that `request` starts now. */
  start(request: IncomingMessage, socket: Socket, spanContext: SpanContext | undefined, route: string | undefined): void {
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
    table.starts[slot] = performance.now();
    table.spans[slot] = spanContext;
    table.routes[slot] = route;
  }

  /**
   * Removes `request`; its start goes to {@link takenStart} and its span context to
   * {@link takenSpanContext}. False when it was not tracked.
   */
  take(request: IncomingMessage, socket: TrackedSocket | null | undefined): boolean {
    const table = socket?.[kRequests];
    this.takenSpanContext = undefined;
    this.takenRoute = undefined;
    if (table === undefined) return false;
    for (let slot = 0; slot < table.count; slot++) {
      if (table.requests[slot] !== request) continue;
      this.takenStart[0] = table.starts[slot] as number;
      this.takenSpanContext = table.spans[slot];
      this.takenRoute = table.routes[slot];
      for (let next = slot + 1; next < table.count; next++) {
        table.requests[next - 1] = table.requests[next];
        table.starts[next - 1] = table.starts[next] as number;
        table.spans[next - 1] = table.spans[next];
        table.routes[next - 1] = table.routes[next];
      }
      table.count--;
      table.requests[table.count] = undefined;
      table.spans[table.count] = undefined;
      table.routes[table.count] = undefined;
      return true;
    }
    return false;
  }

  #abortAll(socket: TrackedSocket): void {
    const table = socket[kRequests];
    if (table === undefined) return;
    while (table.count > 0) {
      const request = table.requests[0];
      if (request === undefined || !this.take(request, socket)) break;
      this.#onAborted(request, socket, this.takenSpanContext);
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
  table.routes = [...table.routes, ...new Array<string | undefined>(size - table.routes.length).fill(undefined)];
}
