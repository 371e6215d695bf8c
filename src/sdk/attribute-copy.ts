import type { Attributes } from '@opentelemetry/api';
import { isAttributeValue } from './attribute-values';

/** The valid entries of `attributes` (arrays copied), as samplers receive them. */
export function validAttributes(attributes: Attributes | undefined): Attributes {
  const valid: Attributes = {};
  if (attributes === undefined || attributes === null || typeof attributes !== 'object') return valid;
  for (const key in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key) || key.length === 0) continue;
    const value = attributes[key];
    if (isAttributeValue(value)) valid[key] = Array.isArray(value) ? (value.slice()) : value;
  }
  return valid;
}
