/** Appended to a recorded value that was cut at `maxValueLength`. */
export const TRUNCATION_MARKER = '…[truncated]';

/** Cuts `text` to `maxLength` UTF-16 units (never inside a surrogate pair) and marks the cut. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = maxLength;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}${TRUNCATION_MARKER}`;
}
