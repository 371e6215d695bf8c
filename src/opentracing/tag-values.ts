import type { Attributes } from '@opentelemetry/api';

/** The attribute values tags become. */
export type TagAttributeValue = string | number | boolean | string[] | number[] | boolean[];
import { safeSerialize } from '../decorators/safe-serialize';
import { secretKeyTest } from '../decorators/secret-keys';

/** Objects given as tag or log values are rendered as JSON-like text of at most this many characters. */
export const MAX_OBJECT_TAG_LENGTH = 1024;

const isSecretKey = secretKeyTest();

function isPrimitiveArray(value: unknown[]): value is string[] | number[] | boolean[] {
  if (value.length === 0) return true;
  const type = typeof value[0];
  return (type === 'string' || type === 'number' || type === 'boolean') && value.every((item) => typeof item === type);
}

/**
 * An OpenTracing tag or log value as an OpenTelemetry attribute value: strings, numbers and
 * booleans as they are, arrays of one of those as they are, dates as ISO text, errors as
 * `Name: message`, anything else as bounded JSON-like text with secret-looking keys redacted.
 * `null` and `undefined` give `undefined` (no attribute).
 */
export function tagValue(value: unknown): TagAttributeValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value) && isPrimitiveArray(value)) return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return safeSerialize(value, { isSecretKey, maxValueLength: MAX_OBJECT_TAG_LENGTH });
}

/** Every entry of a key/value object as attributes, `null`/`undefined` values and `skip` keys left out. */
export function tagAttributes(values: Record<string, unknown>, skip: ReadonlySet<string> = new Set()): Attributes {
  const attributes: Attributes = {};
  for (const key of Object.keys(values)) {
    if (skip.has(key) || key === '') continue;
    const value = tagValue(values[key]);
    if (value !== undefined) attributes[key] = value;
  }
  return attributes;
}
