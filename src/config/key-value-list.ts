/**
 * Parses the `key=value,key=value` form shared by `OTEL_RESOURCE_ATTRIBUTES` and
 * `OTEL_EXPORTER_OTLP_HEADERS`. Values are percent-decoded; a malformed pair is reported through
 * `onInvalid` and skipped while the rest are kept.
 */
export function parseKeyValueList(text: string, onInvalid: (pair: string) => void): Record<string, string> {
  const result: Record<string, string> = {};
  for (const rawPair of text.split(',')) {
    const pair = rawPair.trim();
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const key = separator > 0 ? pair.slice(0, separator).trim() : '';
    if (key === '') {
      onInvalid(pair);
      continue;
    }
    const decoded = safeDecode(pair.slice(separator + 1).trim());
    if (decoded === undefined) {
      onInvalid(pair);
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
