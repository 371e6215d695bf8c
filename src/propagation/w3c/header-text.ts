/** Small text helpers shared by the W3C parsers: optional white space and lower-case hex. */

const SPACE = 0x20;
const TAB = 0x09;

/** Whether `code` is optional white space (`OWS`: space or horizontal tab, RFC 7230). */
export function isOptionalWhiteSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** `text[start, end)` without leading and trailing spaces and tabs (other white space is kept). */
export function trimOptionalWhiteSpace(text: string, start = 0, end = text.length): string {
  let from = start;
  let to = end;
  while (from < to && isOptionalWhiteSpace(text.charCodeAt(from))) from += 1;
  while (to > from && isOptionalWhiteSpace(text.charCodeAt(to - 1))) to -= 1;
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

/** Whether `text[start, end)` is non-empty and only `0-9a-f`. */
export function isLowerHex(text: string, start: number, end: number): boolean {
  if (end <= start || end > text.length) return false;
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    const digit = code >= 0x30 && code <= 0x39;
    const letter = code >= 0x61 && code <= 0x66;
    if (!digit && !letter) return false;
  }
  return true;
}

/** Whether `text[start, end)` is all `0` characters. */
export function isAllZeros(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    if (text.charCodeAt(index) !== 0x30) return false;
  }
  return true;
}

/**
 * The header values a getter returned, as a list of at most `limit` strings: a string is one
 * value, an array keeps its first string entries, anything else (absent, numbers) is no value.
 */
export function headerValues(value: unknown, limit: number): string[] {
  if (typeof value === 'string') return limit > 0 ? [value] : [];
  if (!Array.isArray(value)) return [];
  const values: string[] = [];
  for (const entry of value as unknown[]) {
    if (values.length >= limit) break;
    if (typeof entry === 'string') values.push(entry);
  }
  return values;
}
