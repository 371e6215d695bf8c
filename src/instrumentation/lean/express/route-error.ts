/**
 * The error a request handler threw, rejected with or passed to `next(err)`, read when the response
 * ends, so the server span can carry it. A request that succeeds pays nothing for this:
 *
 * - Express 5 (router 2.3 and later) remembers every error routed for a request in a set under a
 *   registered symbol; it is read at the end, nothing is installed.
 * - Otherwise (Express 4, older Express 5) two hooks are installed once per application, each
 *   running only when an error is already being routed: the layers' error dispatch method (called
 *   for every layer an error passes, so an error middleware that answers 500 itself is covered), and
 *   the root router's final callback, which is wrapped only for recorded requests.
 */
import { isExpressApp, routerOf, type ExpressRouter } from './express-shapes';

/** Where router 2.3+ keeps the errors it routed for a request. */
const ROUTER_ERRORS = Symbol.for('router.tracing.publishedErrors');
/** The last error an Express 4 layer was asked to handle. */
const kSeenError = Symbol('otel-bootstrap.express.seen-error');
/** The error that reached the root router's final callback. */
const kFinalError = Symbol('otel-bootstrap.express.final-error');
/**
 * The recorded requests: only their final callback is wrapped. A set beside the requests, not a
 * mark on them, so recorded requests keep the shape of every other request.
 */
const capturing = new WeakSet<object>();
/** Marks prototypes and routers already hooked. */
const kHooked = Symbol('otel-bootstrap.express.hooked');

type CapturingRequest = object & {
  [ROUTER_ERRORS]?: unknown;
  [kSeenError]?: unknown;
  [kFinalError]?: unknown;
};
type Hookable = Record<string | symbol, unknown> & { [kHooked]?: true };
type Handle = (this: unknown, request: CapturingRequest, response: unknown, done: unknown) => unknown;

/** Marks a recorded request, whose routed error is wanted at the end. */
export function captureRouteErrors(request: object): void {
  capturing.add(request);
}

/**
 * Installs the hooks for each Express application among a server's `request` listeners, once. Safe
 * to call for any server: anything that is not Express is left alone.
 */
export function hookExpressErrors(listeners: readonly unknown[]): void {
  for (const listener of listeners) {
    if (!isExpressApp(listener)) continue;
    const router = routerOf(listener);
    if (router === undefined || typeof (router as { listRoutes?: unknown }).listRoutes === 'function') continue;
    hookFinalCallback(router);
    const layer = router.stack[0];
    if (layer !== undefined) hookErrorDispatch(Object.getPrototypeOf(layer) as Hookable);
  }
}

/** The error routed for `request`, if any: the one that reached the end first, else the last one seen. */
export function routeErrorOf(request: object): unknown {
  const capturing = request as CapturingRequest;
  if (capturing[kFinalError] !== undefined) return capturing[kFinalError];
  if (capturing[kSeenError] !== undefined) return capturing[kSeenError];
  const routed = capturing[ROUTER_ERRORS];
  if (!(routed instanceof Set) || routed.size === 0) return undefined;
  let last: unknown;
  for (const error of routed) last = error;
  return last;
}

function hookFinalCallback(router: ExpressRouter): void {
  const hookable = router as unknown as Hookable;
  if (hookable[kHooked] === true || typeof router.handle !== 'function') return;
  const original = router.handle as Handle;
  hookable[kHooked] = true;
  router.handle = function handleCapturingError(this: unknown, request: CapturingRequest, response: unknown, done: unknown): unknown {
    if (typeof done !== 'function' || !capturing.has(request)) return original.call(this, request, response, done);
    const finish = done as (error?: unknown) => unknown;
    return original.call(this, request, response, function doneCapturingError(this: unknown, error?: unknown): unknown {
      if (error !== undefined && error !== null && error !== 'route' && error !== 'router') request[kFinalError] = error;
      // eslint-disable-next-line prefer-rest-params -- the final handler gets exactly what the router passed
      return Reflect.apply(finish, this, arguments) as unknown;
    });
  };
}

/** Express 4 `Layer.prototype.handle_error` and router 2.x `handleError`: called only while an error is routed. */
function hookErrorDispatch(prototype: Hookable): void {
  if (prototype[kHooked] === true) return;
  for (const name of ['handle_error', 'handleError']) {
    const original = prototype[name];
    if (typeof original !== 'function') continue;
    prototype[name] = function dispatchError(this: unknown, error: unknown, request: CapturingRequest, ...rest: unknown[]): unknown {
      if (typeof request === 'object' && request !== null) request[kSeenError] = error;
      return Reflect.apply(original, this, [error, request, ...rest]) as unknown;
    };
  }
  prototype[kHooked] = true;
}
