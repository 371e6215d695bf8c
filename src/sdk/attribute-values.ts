import type { AttributeValue } from '@opentelemetry/api';

/**
 * Whether `value` may be stored as an attribute value, as the API specification says: a string,
 * number or boolean, or an array of one of those types (null and undefined elements allowed).
 */
export function isAttributeValue(value: unknown): value is AttributeValue {
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return true;
  return Array.isArray(value) && isHomogeneousPrimitiveArray(value);
}

function isHomogeneousPrimitiveArray(values: readonly unknown[]): boolean {
  let elementType: string | undefined;
  for (const element of values) {
    if (element === null || element === undefined) continue;
    const type = typeof element;
    if (elementType === undefined) {
      if (type !== 'string' && type !== 'number' && type !== 'boolean') return false;
      elementType = type;
    } else if (type !== elementType) {
      return false;
    }
  }
  return true;
}

/**
 * A valid value as it is stored: strings (alone or in arrays) cut to `maxLength` characters, and
 * arrays copied so later changes by the caller do not reach the span.
 */
export function limitAttributeValue(value: AttributeValue, maxLength: number): AttributeValue {
  if (typeof value === 'string') return value.length > maxLength ? value.slice(0, maxLength) : value;
  if (!Array.isArray(value)) return value;
  if (maxLength === Infinity) return value.slice();
  return value.map((element: unknown) => (typeof element === 'string' && element.length > maxLength ? element.slice(0, maxLength) : element));
}
