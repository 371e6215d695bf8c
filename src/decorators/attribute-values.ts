import type { AttributeValue, Attributes } from '@opentelemetry/api';
import { REDACTED } from '../config/redact';
import { isCardNumber } from './card-numbers';
import { shortHash } from './hash-value';
import type { ResolvedTracedOptions } from './options';
import { boundedString, safeSerialize } from './safe-serialize';
import { truncate } from './truncate';

type ValueOptions = Pick<ResolvedTracedOptions, 'isSecretKey' | 'maxValueLength'>;

/**
 * Turns any value into a span attribute value: strings (card numbers redacted, cut at the limit),
 * finite numbers and booleans as they are, everything else through the safe serialiser.
 */
export function toAttributeValue(value: unknown, options: ValueOptions): AttributeValue {
  if (typeof value === 'string') return truncate(boundedString(value, options.maxValueLength), options.maxValueLength);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isSafeInteger(value) && isCardNumber(value) ? REDACTED : value;
  return safeSerialize(value, { isSecretKey: options.isSecretKey, maxValueLength: options.maxValueLength });
}

/** Sanitises attributes from a user mapper: secret keys redacted, values bounded like recorded values. */
export function sanitizeAttributes(attributes: Attributes, options: ValueOptions): Attributes {
  const clean: Attributes = {};
  for (const key of Object.keys(attributes)) {
    const value: unknown = attributes[key];
    if (value === undefined) continue;
    if (options.isSecretKey(key)) clean[key] = REDACTED;
    else if (Array.isArray(value) && value.every((item) => item === null || ['string', 'number', 'boolean'].includes(typeof item))) {
      clean[key] = value.map((item: unknown) => (typeof item === 'string' ? toAttributeValue(item, options) : item));
    } else clean[key] = toAttributeValue(value, options);
  }
  return clean;
}

/** Replaces the values of the listed keys with a stable short hash. Secrets stay `[REDACTED]`. */
export function hashListed(attributes: Attributes, hashKeys: ReadonlySet<string> | undefined): Attributes {
  if (hashKeys === undefined) return attributes;
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (!hashKeys.has(key) || value === undefined || value === REDACTED) continue;
    attributes[key] = shortHash(typeof value === 'string' ? value : JSON.stringify(value));
  }
  return attributes;
}
