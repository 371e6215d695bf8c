import type { ExpressRequest } from '../../instrumentation/lean/express/express-shapes';
import { routeOf } from '../../instrumentation/lean/express/server-span-outcome';

/** Templates of routes that need no mount prefix, by Express Route object. */
const flatTemplates = new WeakMap<object, string>();

/**
 * The route template Express matched for `request` (the one the server span is named after), for
 * the duration series. A route of a top-level application with no mount prefix has one template,
 * found once and then read from a cache keyed by the Route object, so the common case allocates
 * nothing; routes behind mounted routers are worked out per request, as their prefix is.
 */
export function requestRoute(request: ExpressRequest): string | undefined {
  const route = request.route;
  if (typeof route !== 'object' || route === null) return undefined;
  const flat = request.baseUrl === '' || request.baseUrl === undefined;
  if (flat) {
    const cached = flatTemplates.get(route);
    if (cached !== undefined) return cached;
  }
  const template = routeOf(request);
  if (flat && template !== undefined && template === route.path) flatTemplates.set(route, template);
  return template;
}
