/**
 * Parses the `key=value,key=value` form shared by `OTEL_RESOURCE_ATTRIBUTES` and
 * `OTEL_EXPORTER_OTLP_HEADERS`. Values are percent-decoded; a malformed pair is reported through
 * `onInvalid` (with its 1-based position in the list) and skipped while the rest are kept.
 */
export function parseKeyValueList(text: string, onInvalid: (pair: string, position: number) => void): Record<string, string> {
  const result: Record<string, string> = {};
  const rawPairs = text.split(',');
  for (const [index, rawPair] of rawPairs.entries()) {
    const pair = rawPair.trim();
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const key = separator > 0 ? pair.slice(0, separator).trim() : '';
    if (key === '') {
      onInvalid(pair, index + 1);
      continue;
    }
    const decoded = safeDecode(pair.slice(separator + 1).trim());
    if (decoded === undefined) {
      onInvalid(pair, index + 1);
      continue;
    }
    result[safeDecode(key) ?? key] = decoded;
  }
  return result;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
