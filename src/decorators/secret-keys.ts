/** Key names whose values are never recorded: matched anywhere in the key, case-insensitively. */
export const DEFAULT_SECRET_KEY_PATTERN =
  /passw(?:or)?d|passwd|secret|token|api[-_]?key|authori[sz]ation|cookie|session|private[-_]?key|credit[-_]?card|card[-_]?number|cvv/i;

/** Tells whether a key names a secret. */
export type SecretKeyTest = (key: string) => boolean;

/**
 * Builds the key test from the built-in pattern plus extra patterns. A string pattern matches
 * anywhere in the key, ignoring case; a RegExp is used as given.
 */
export function secretKeyTest(extra: ReadonlyArray<string | RegExp> = []): SecretKeyTest {
  if (extra.length === 0) return (key) => DEFAULT_SECRET_KEY_PATTERN.test(key);
  const lowered = extra.filter((pattern): pattern is string => typeof pattern === 'string').map((pattern) => pattern.toLowerCase());
  // A global or sticky RegExp keeps state between test() calls; copy it without those flags.
  const expressions = extra
    .filter((pattern): pattern is RegExp => pattern instanceof RegExp)
    .map((pattern) => new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')));
  return (key) => {
    if (DEFAULT_SECRET_KEY_PATTERN.test(key)) return true;
    const lower = key.toLowerCase();
    return lowered.some((pattern) => lower.includes(pattern)) || expressions.some((pattern) => pattern.test(key));
  };
}
