import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Span } from '@opentelemetry/api';

/** Told about every incoming request the HTTP instrumentation handles, sampled or not. */
export interface ServerRequestObserver {
  /**
   * `span` is the request's server span (non-recording when not sampled); `route` the configured
   * route template its path matched, if any (a framework's route found at the end wins).
   */
  requestStarted(request: IncomingMessage, socket: Socket, span: Span, route: string | undefined): void;
}

/**
 * The one observer of incoming requests (the RED metrics), or none. The HTTP instrumentation calls
 * {@link observeServerRequest} for each request it does not ignore; with no observer registered
 * that is one variable check.
 */
let observer: ServerRequestObserver | undefined;

/** Registers `next` (or removes the observer with `undefined`); returns the previous one. */
export function setServerRequestObserver(next: ServerRequestObserver | undefined): ServerRequestObserver | undefined {
  const previous = observer;
  observer = next;
  return previous;
}

/** Whether an observer is registered: metrics then take request starts from the instrumentation. */
export function hasServerRequestObserver(): boolean {
  return observer !== undefined;
}

/** Tells the observer, if any, that `request` started with `span`. */
export function observeServerRequest(request: IncomingMessage, socket: Socket, span: Span, route: string | undefined): void {
  if (observer !== undefined) observer.requestStarted(request, socket, span, route);
}
