import type { Context } from '@opentelemetry/api';

/**
 * Hands an incoming request's context from the `http.server.request.start` message to the
 * server's `request` event without writing a property on the request: Node publishes the message
 * and emits the event synchronously, one right after the other, so a single slot is enough. A
 * request Node answers without emitting an event (a missing `Host`, a refused expectation) leaves
 * its entry behind until the next request replaces it.
 */
let pendingRequest: object | undefined;
let pendingContext: Context | undefined;

/** Keeps `context` for the event Node is about to emit for `request`. */
export function offerRequestContext(request: object, context: Context): void {
  pendingRequest = request;
  pendingContext = context;
}

/** The context offered for `request`, once; `undefined` for any other request. */
export function takeRequestContext(request: unknown): Context | undefined {
  if (request !== pendingRequest || request === undefined) return undefined;
  const context = pendingContext;
  pendingRequest = undefined;
  pendingContext = undefined;
  return context;
}
