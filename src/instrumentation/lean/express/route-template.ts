/**
 * The route template of a request Express handled, at any nesting depth (routers in routers,
 * sub-applications, array and RegExp paths), read when the response ends: nothing is patched and
 * nothing runs per layer while Express routes.
 *
 * What Express leaves on the request is `req.route` (the Route, whose `path` is its template),
 * `req.baseUrl` (the matched mount prefix, with real parameter values) and `req.app` (the innermost
 * application). The mount layers between the application and the route are found once per route
 * by walking the application's router tree, and cached; each request then matches only those few
 * layers against `baseUrl` to turn it back into templates. Express 5 layers keep their path as
 * given; Express 4 layers keep only the compiled expression, whose parameter captures are put back
 * as `:name`.
 */
import { formatPath, isExpressApp, isRouter, routerOf, type ExpressApp, type ExpressLayer, type ExpressRequest, type ExpressRouter } from './express-shapes';

type Chain = readonly ExpressLayer[];
/** One way to reach a route: the mount layers in order, then the route's own layer. */
interface RoutePlace {
  mounts: Chain;
  layer: ExpressLayer;
}

/** For each root router: every place where each route found in it is mounted. */
const chainsByRouter = new WeakMap<ExpressRouter, Map<object, RoutePlace[]>>();
/** Express 4 expressions with the `d` flag, to find where each parameter was captured. */
const withIndices = new WeakMap<RegExp, RegExp>();

/**
 * `http.route` for a request Express routed: e.g. `/tenant/:tid/orders/:oid`; `undefined` when no
 * route matched. Never contains the request's own path values: when the mount prefix cannot be
 * read back into templates, only the parts that are templates are returned.
 */
export function expressRouteTemplate(request: ExpressRequest): string | undefined {
  const route = request.route;
  if (typeof route !== 'object' || route === null) return undefined;
  const routePath = formatPath(route.path);
  if (routePath === undefined) return undefined;
  const app = isExpressApp(request.app) ? request.app : undefined;
  const appPrefix = app === undefined ? '' : mountTemplate(app);
  if (app === undefined) return routePath;
  const router = routerOf(app);
  const places = router === undefined ? [] : chainsTo(router, route);
  const base = typeof request.baseUrl === 'string' ? request.baseUrl : '';
  if (base !== '') {
    for (const { mounts } of places) {
      const template = matchAfterAppPrefix(mounts, base, app.parent !== undefined);
      if (template !== undefined) return appPrefix + template + routePath;
    }
  } else if (places.some(({ mounts }) => mounts.length > 0)) {
    // Express restores baseUrl once an error leaves a mounted router: read the mounts off the
    // original path instead, as Express matched them.
    const template = templateFromPath(places, pathOf(request.originalUrl));
    if (template !== undefined) return appPrefix + template + routePath;
  }
  return appPrefix + routePath;
}

function pathOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** The mount templates of the first place whose mounts, then route layer, match `path`. */
function templateFromPath(places: readonly RoutePlace[], path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  for (const { mounts, layer } of places) {
    const prefix = matchChainPrefix(mounts, path);
    if (prefix === undefined) continue;
    const rest = path.slice(prefix.position);
    if (matchLayer(layer, rest === '' ? '/' : rest) !== undefined) return prefix.template;
  }
  return undefined;
}

/** The templates of the mount paths of `app` and of the applications it is mounted in. */
function mountTemplate(app: ExpressApp): string {
  const seen = new Set<unknown>();
  let prefix = '';
  for (let current: unknown = app; isExpressApp(current) && current.parent !== undefined && !seen.has(current); current = current.parent) {
    seen.add(current);
    prefix = (formatPath(current.mountpath, true) ?? '') + prefix;
  }
  return prefix;
}

/**
 * Matches a chain against the end of `base`: the start belongs to the mounts of enclosing
 * applications when there are some, so each split at a `/` is tried.
 */
function matchAfterAppPrefix(chain: Chain, base: string, mountedApp: boolean): string | undefined {
  if (!mountedApp) return matchChain(chain, base);
  for (let split = 0; split <= base.length; split++) {
    if (split !== base.length && base[split] !== '/') continue;
    const template = matchChain(chain, base.slice(split));
    if (template !== undefined) return template;
  }
  return undefined;
}

/** The templates of `chain`'s layers if, one after the other, they consume exactly `text`. */
function matchChain(chain: Chain, text: string): string | undefined {
  const matched = matchChainPrefix(chain, text);
  return matched !== undefined && matched.position === text.length ? matched.template : undefined;
}

/** The templates of `chain`'s layers matched one after the other from the start of `text`, and where they end. */
function matchChainPrefix(chain: Chain, text: string): { template: string; position: number } | undefined {
  let position = 0;
  let template = '';
  for (const layer of chain) {
    const rest = text.slice(position);
    const matched = matchLayer(layer, rest === '' ? '/' : rest);
    if (matched === undefined) return undefined;
    // Express drops a matched trailing slash from baseUrl and gives it back to the next path.
    const consumed = matched.consumed > 0 && rest[matched.consumed - 1] === '/' ? matched.consumed - 1 : matched.consumed;
    position += Math.min(consumed, rest.length);
    template += matched.template;
  }
  return { template, position };
}

function matchLayer(layer: ExpressLayer, path: string): { consumed: number; template: string } | undefined {
  if (typeof layer.match === 'function' && 'rawPath' in layer) {
    const result = layer.match(path);
    if (result === false || typeof result !== 'object') return undefined;
    const template = formatPath(result.pattern, true);
    return template === undefined || typeof result.path !== 'string' ? undefined : { consumed: result.path.length, template };
  }
  const regexp = layer.regexp;
  if (!(regexp instanceof RegExp)) return undefined;
  if (regexp.fast_slash === true) return { consumed: 0, template: '' };
  const match = indexed(regexp).exec(path);
  if (match === null || match.index !== 0) return undefined;
  // Paths compiled from a string end in this look-ahead; any other expression was given as a RegExp.
  if (!regexp.source.endsWith('(?=\\/|$)')) return { consumed: match[0].length, template: regexp.toString() };
  return { consumed: match[0].length, template: putBackParameters(match, layer.keys ?? []) };
}

/** The matched text with each parameter capture replaced by `:name` (`*` for an unnamed one). */
function putBackParameters(match: RegExpExecArray, keys: ReadonlyArray<{ name?: unknown }>): string {
  const text = match[0];
  const spans = match.indices ?? [];
  let template = '';
  let last = 0;
  for (let group = 1; group < spans.length; group++) {
    const span = spans[group];
    if (span === undefined || span[0] < last) continue;
    const name = keys[group - 1]?.name;
    template += text.slice(last, span[0]) + (typeof name === 'string' ? `:${name}` : '*');
    last = span[1];
  }
  return (template + text.slice(last)).replace(/\/+$/, '');
}

function indexed(regexp: RegExp): RegExp {
  let copy = withIndices.get(regexp);
  if (copy === undefined) {
    copy = new RegExp(regexp.source, regexp.flags.replace(/[gy]/g, '') + (regexp.flags.includes('d') ? '' : 'd'));
    withIndices.set(regexp, copy);
  }
  return copy;
}

/** The places of `route` under `router`; the tree is walked again when the route is new. */
function chainsTo(router: ExpressRouter, route: object): readonly RoutePlace[] {
  let chains = chainsByRouter.get(router);
  let found = chains?.get(route);
  if (found !== undefined) return found;
  chains = new Map();
  collectChains(router, [], chains, new Set());
  // A route not found even now (mounted through something the walk cannot see) is remembered too.
  found = chains.get(route) ?? [];
  chains.set(route, found);
  chainsByRouter.set(router, chains);
  return found;
}

function collectChains(router: ExpressRouter, chain: Chain, into: Map<object, RoutePlace[]>, visiting: Set<ExpressRouter>): void {
  if (visiting.has(router)) return;
  visiting.add(router);
  for (const layer of router.stack) {
    const route = layer.route;
    if (typeof route === 'object' && route !== null) {
      const list = into.get(route) ?? [];
      list.push({ mounts: chain, layer });
      into.set(route, list);
    } else if (isRouter(layer.handle)) {
      collectChains(layer.handle, [...chain, layer], into, visiting);
    }
  }
  visiting.delete(router);
}
