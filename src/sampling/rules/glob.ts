/**
 * Glob patterns for sampling rules: `*` matches any run of characters (slashes included), `?`
 * one character, everything else itself. Patterns without wildcards compare exactly, and the
 * common `prefix*` / `*suffix` shapes avoid a regular expression.
 */

/** Tests one string against a compiled pattern. */
export type StringMatcher = (value: string) => boolean;

/** Whether `pattern` uses a wildcard. */
export function isGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Compiles `pattern` into a matcher. */
export function compileGlob(pattern: string): StringMatcher {
  if (!isGlob(pattern)) return (value) => value === pattern;
  if (pattern === '*') return () => true;
  const star = pattern.indexOf('*');
  if (!pattern.includes('?') && star === pattern.lastIndexOf('*')) {
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (suffix === '') return (value) => value.startsWith(prefix);
    if (prefix === '') return (value) => value.endsWith(suffix);
    return (value) => value.length >= prefix.length + suffix.length && value.startsWith(prefix) && value.endsWith(suffix);
  }
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  const expression = new RegExp(`^${source}$`);
  return (value) => expression.test(value);
}
