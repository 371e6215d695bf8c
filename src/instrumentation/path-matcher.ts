/**
 * Builds a predicate over a request target (`/path?query`). Strings match the path exactly, with or
 * without a trailing slash; regular expressions are tested against the path.
 */
export function createPathMatcher(patterns: ReadonlyArray<string | RegExp>): (target: string | undefined) => boolean {
  if (patterns.length === 0) return () => false;
  const exact = new Set<string>();
  const expressions: RegExp[] = [];
  for (const pattern of patterns) {
    if (typeof pattern === 'string') exact.add(stripTrailingSlash(pattern));
    else expressions.push(pattern);
  }
  return (target) => {
    if (target === undefined) return false;
    const queryStart = target.indexOf('?');
    const path = queryStart === -1 ? target : target.slice(0, queryStart);
    return exact.has(stripTrailingSlash(path)) || expressions.some((expression) => expression.test(path));
  };
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
