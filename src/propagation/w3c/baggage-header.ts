import type { BaggageEntry } from '@opentelemetry/api';
import { MAX_BAGGAGE_BYTES, MAX_BAGGAGE_MEMBERS } from './baggage-limits';
import { canonicalProperties, parseBaggageMember } from './baggage-member';
import { isToken, percentEncode } from './baggage-text';
import { trimOptionalWhiteSpace } from './header-text';

/** The `baggage` header name (W3C Baggage). */
export const BAGGAGE_HEADER = 'baggage';

const COMMA = 0x2c;

/**
 * Reads baggage list members from the `baggage` header values, in order, as if they were one
 * header joined with `,`. Only the first {@link MAX_BAGGAGE_BYTES} characters of that joined
 * header are looked at (a member that does not end within them is dropped whole), and reading
 * stops after {@link MAX_BAGGAGE_MEMBERS} members, so the work is bounded however many or however
 * long the values are. Malformed members are skipped; a later duplicate key replaces an earlier one.
 */
export function parseBaggageHeaders(values: readonly string[]): Map<string, BaggageEntry> {
  const entries = new Map<string, BaggageEntry>();
  let remaining = MAX_BAGGAGE_BYTES;
  let members = 0;
  for (let index = 0; index < values.length; index += 1) {
    if (index > 0) remaining -= 1; // the `,` joining two header values
    if (remaining <= 0) break;
    const value = values[index] as string;
    const whole = value.length <= remaining;
    // Past the budget, only members followed by a `,` within (or right after) it are complete.
    const window = whole ? value : value.slice(0, value.charCodeAt(remaining) === COMMA ? remaining : Math.max(0, value.lastIndexOf(',', remaining - 1)));
    let start = 0;
    while (start < window.length) {
      const comma = window.indexOf(',', start);
      const end = comma === -1 ? window.length : comma;
      const member = parseBaggageMember(window.slice(start, end));
      if (member !== undefined) {
        entries.set(member[0], member[1]);
        members += 1;
        if (members === MAX_BAGGAGE_MEMBERS) return entries;
      }
      start = end + 1;
    }
    if (!whole) break;
    remaining -= value.length;
  }
  return entries;
}

/**
 * The `baggage` header value for these entries: `key=value;properties` members joined with `,`.
 * Keys that are not tokens are skipped (they cannot be written), values are percent-encoded,
 * metadata that is not a valid property list is left out. An entry that would take the header
 * past {@link MAX_BAGGAGE_BYTES} or {@link MAX_BAGGAGE_MEMBERS} is skipped. Returns `''` for none.
 */
export function serializeBaggage(entries: Iterable<readonly [string, BaggageEntry]>): string {
  const members: string[] = [];
  let used = 0;
  for (const [key, entry] of entries) {
    if (members.length === MAX_BAGGAGE_MEMBERS) break;
    if (!isToken(key) || typeof entry.value !== 'string') continue;
    const metadata = entry.metadata === undefined ? undefined : canonicalProperties(trimOptionalWhiteSpace(entry.metadata.toString()));
    const member = `${key}=${percentEncode(entry.value)}${metadata === undefined || metadata === '' ? '' : `;${metadata}`}`;
    const cost = member.length + (members.length > 0 ? 1 : 0);
    if (used + cost > MAX_BAGGAGE_BYTES) continue;
    members.push(member);
    used += cost;
  }
  return members.join(',');
}
