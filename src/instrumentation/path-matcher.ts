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
  // Called for every incoming request: no closure or copy unless a pattern needs it.
  return (target) => {
    if (target === undefined) return false;
    const queryStart = target.indexOf('?');
    const path = queryStart === -1 ? target : target.slice(0, queryStart);
    if (exact.has(stripTrailingSlash(path))) return true;
    for (const expression of expressions) if (expression.test(path)) return true;
    return false;
  };
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
