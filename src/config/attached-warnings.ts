/**
 * Warnings that travel with an options object to `init()`, for helpers that build options
 * before any logger is set up (such as `fromJaegerClientConfig()`): `init()` prints them with
 * its own configuration warnings. Kept under a registry symbol, so object spread keeps them and
 * `JSON`, `Object.keys` and option validation never see them.
 */
const ATTACHED = Symbol.for('otel-bootstrap.options-warnings');

type WithWarnings = { [ATTACHED]?: readonly string[] };

/** Returns `options` carrying `warnings` (added to any it already carries). */
export function attachWarnings<T extends object>(options: T, warnings: readonly string[]): T {
  if (warnings.length === 0) return options;
  const carrier = options as T & WithWarnings;
  carrier[ATTACHED] = [...(carrier[ATTACHED] ?? []), ...warnings];
  return options;
}

/** The warnings an options object carries. */
export function attachedWarnings(options: object): readonly string[] {
  const value: unknown = (options as WithWarnings)[ATTACHED];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}
