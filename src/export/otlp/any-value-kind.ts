/** Which OTLP `AnyValue` member an attribute value becomes. */
export type AnyValueKind = 'string' | 'bool' | 'int' | 'double' | 'bytes' | 'array' | 'kvlist' | 'empty';

/**
 * Classifies an attribute value. Integers become `int64` only while exact (safe integers);
 * larger ones stay `double`, so a receiver never sees a silently changed number.
 */
export function anyValueKind(value: unknown): AnyValueKind {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isSafeInteger(value) ? 'int' : 'double';
    case 'object':
      if (value === null) return 'empty';
      if (value instanceof Uint8Array) return 'bytes';
      return Array.isArray(value) ? 'array' : 'kvlist';
    default:
      return 'empty';
  }
}
