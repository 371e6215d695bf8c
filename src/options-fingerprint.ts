/**
 * A stable text for comparing two option objects: key order does not matter, regular
 * expressions compare by source, and objects with behaviour (exporters, samplers) by identity.
 */
export function optionsFingerprint(options: object): string {
  return JSON.stringify(normalise(options));
}

/**
 * The option keys whose values differ between two option objects, compared as
 * {@link optionsFingerprint} compares them. Keys of nested option objects are dotted
 * (`otlp.endpoint`); the result is sorted.
 */
export function differingOptions(first: object, second: object): string[] {
  const left = normalise(first) as Record<string, unknown>;
  const right = normalise(second) as Record<string, unknown>;
  const differing: string[] = [];
  for (const key of unionOfKeys(left, right)) {
    const a = left[key];
    const b = right[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (!isRecord(a) || !isRecord(b)) {
      differing.push(key);
      continue;
    }
    for (const inner of unionOfKeys(a, b)) if (JSON.stringify(a[inner]) !== JSON.stringify(b[inner])) differing.push(`${key}.${inner}`);
  }
  return differing;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const unionOfKeys = (a: object, b: object): string[] => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();

function normalise(value: unknown): unknown {
  if (value instanceof RegExp) return `RegExp(${value.toString()})`;
  if (typeof value === 'function') return `function#${identityOf(value)}`;
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object' && value !== null) {
    if (Object.getPrototypeOf(value) !== Object.prototype) return `instance#${identityOf(value)}`;
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().filter((key) => record[key] !== undefined).map((key) => [key, normalise(record[key])]));
  }
  return value;
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
