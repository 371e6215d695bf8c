/**
 * Route templates matched against an incoming request's path before the sampling decision, so
 * the server span starts with `http.route` (and a `METHOD /route` name) that sampling rules and
 * per-operation strategies can see. Express picks its route only while routing, after the
 * decision; the templates here are the ones the configuration names (`samplingRoutes` and the
 * rules' `route` templates). `:name` matches one path segment, `*` the rest of the path.
 */

/** The template a path matches, or undefined. */
export type RouteMatcher = (path: string) => string | undefined;

/**
 * Compiles `templates` once. Templates without parameters are looked up exactly; the others are
 * tried in the order given, so list the more specific first.
 */
export function createRouteMatcher(templates: readonly string[]): RouteMatcher | undefined {
  if (templates.length === 0) return undefined;
  const exact = new Map<string, string>();
  const patterns: Array<{ template: string; expression: RegExp }> = [];
  for (const template of templates) {
    if (!template.includes(':') && !template.includes('*')) exact.set(trimSlash(template), template);
    else patterns.push({ template, expression: templateExpression(template) });
  }
  return (path) => {
    const trimmed = trimSlash(path);
    const found = exact.get(trimmed);
    if (found !== undefined) return found;
    for (const { template, expression } of patterns) if (expression.test(trimmed)) return template;
    return undefined;
  };
}

/** A trailing slash does not make another route (`/users/` is `/users`). */
function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function templateExpression(template: string): RegExp {
  const source = trimSlash(template)
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}
