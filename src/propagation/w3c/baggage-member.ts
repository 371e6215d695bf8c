import { baggageEntryMetadataFromString, type BaggageEntry } from '@opentelemetry/api';
import { isBaggageValue, isToken, percentDecode } from './baggage-text';
import { trimOptionalWhiteSpace } from './header-text';

/** One baggage list member as read from a header: its key and entry. */
export type BaggageMember = readonly [key: string, entry: BaggageEntry];

/**
 * Checks a property list (the text after a value's first `;`) and returns it in canonical form:
 * each property trimmed (`key` or `key=value`, with no white space around `=`), joined with `;`.
 * Returns `undefined` when any property is malformed or empty.
 */
export function canonicalProperties(text: string): string | undefined {
  const properties: string[] = [];
  for (const raw of text.split(';')) {
    const property = trimOptionalWhiteSpace(raw);
    const equals = property.indexOf('=');
    if (equals === -1) {
      if (!isToken(property)) return undefined;
      properties.push(property);
      continue;
    }
    const key = trimOptionalWhiteSpace(property, 0, equals);
    const value = trimOptionalWhiteSpace(property, equals + 1);
    if (!isToken(key) || !isBaggageValue(value)) return undefined;
    properties.push(`${key}=${value}`);
  }
  return properties.join(';');
}

/**
 * Parses one list member, `key OWS "=" OWS value *( OWS ";" OWS property )`. The key is kept as
 * sent (a token is not percent-encoded); the value is percent-decoded; properties become the
 * entry's metadata. Returns `undefined` for a blank or malformed member.
 */
export function parseBaggageMember(text: string): BaggageMember | undefined {
  const semicolon = text.indexOf(';');
  const pairEnd = semicolon === -1 ? text.length : semicolon;
  const equals = text.indexOf('=');
  if (equals === -1 || equals > pairEnd) return undefined;
  const key = trimOptionalWhiteSpace(text, 0, equals);
  const value = trimOptionalWhiteSpace(text, equals + 1, pairEnd);
  if (!isToken(key) || !isBaggageValue(value)) return undefined;
  const entry: BaggageEntry = { value: percentDecode(value) };
  if (semicolon === -1) return [key, entry];
  const properties = canonicalProperties(text.slice(semicolon + 1));
  if (properties === undefined) return undefined;
  return [key, { ...entry, metadata: baggageEntryMetadataFromString(properties) }];
}
