/**
 * A stable text for comparing two option objects: key order does not matter, regular
 * expressions compare by source, and objects with behaviour (exporters, samplers) by identity.
 */
export function optionsFingerprint(options: object): string {
  const normalise = (value: unknown): unknown => {
    if (value instanceof RegExp) return `RegExp(${value.toString()})`;
    if (typeof value === 'function') return `function#${identityOf(value)}`;
    if (Array.isArray(value)) return value.map(normalise);
    if (typeof value === 'object' && value !== null) {
      if (Object.getPrototypeOf(value) !== Object.prototype) return `instance#${identityOf(value)}`;
      const record = value as Record<string, unknown>;
      return Object.fromEntries(Object.keys(record).sort().filter((key) => record[key] !== undefined).map((key) => [key, normalise(record[key])]));
    }
    return value;
  };
  return JSON.stringify(normalise(options));
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;

function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(value, id);
  }
  return id;
}
