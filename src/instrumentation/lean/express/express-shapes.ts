/**
 * The parts of Express 4 and 5 (router 2.x) objects the lean HTTP instrumentation reads. Express is
 * not a dependency: these shapes are checked at run time, and anything unexpected means "unknown".
 */

/** A router layer: a mount point (`use`), or the layer of one route. */
export interface ExpressLayer {
  handle?: unknown;
  route?: unknown;
  /** Express 4: the compiled path, with `fast_slash` for a mount at `/`. */
  regexp?: RegExp & { fast_slash?: boolean };
  /** Express 4: the path's parameters, in capture order. */
  keys?: Array<{ name?: unknown }>;
  /** Express 5 (router 2.x): the path as given, and a match that stores nothing on the layer. */
  rawPath?: unknown;
  match?: (path: string) => false | { path?: unknown; pattern?: unknown };
}

/** A router: its layers in order. */
export interface ExpressRouter {
  stack: ExpressLayer[];
  handle?: unknown;
}

/** An Express application as seen through `req.app`. */
export interface ExpressApp {
  handle: unknown;
  set: unknown;
  mountpath?: unknown;
  parent?: unknown;
}

/** The request as Express leaves it. */
export interface ExpressRequest {
  route?: { path?: unknown } | undefined;
  baseUrl?: unknown;
  originalUrl?: unknown;
  app?: unknown;
}

export function isRouter(value: unknown): value is ExpressRouter {
  return typeof value === 'function' && Array.isArray((value as { stack?: unknown }).stack);
}

export function isExpressApp(value: unknown): value is ExpressApp {
  return typeof value === 'function' && typeof (value as unknown as ExpressApp).handle === 'function' && typeof (value as unknown as ExpressApp).set === 'function';
}

/** The root router of an app: `app._router` on Express 4, `app.router` on Express 5. */
export function routerOf(app: ExpressApp): ExpressRouter | undefined {
  const legacy = (app as { _router?: unknown })._router;
  if (isRouter(legacy)) return legacy;
  if ('_router' in app) return undefined;
  try {
    // Express 4 defines `router` as a getter that throws; Express 5 creates its router on first read.
    const router = (app as { router?: unknown }).router;
    return isRouter(router) ? router : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A path as Express prints it: strings as given, regular expressions as their literal, arrays
 * joined by commas; a mount at `/` adds nothing.
 */
export function formatPath(path: unknown, mount = false): string | undefined {
  if (typeof path === 'string') return mount ? (path === '/' ? '' : path.replace(/\/+$/, '')) : path;
  if (path instanceof RegExp) return path.toString();
  if (Array.isArray(path)) {
    const parts = path.map((part) => formatPath(part));
    return parts.every((part) => part !== undefined) ? parts.join(',') : undefined;
  }
  return undefined;
}
