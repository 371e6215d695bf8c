import type { ViewSpan } from './trace-model';
import { decodeTraceRequestJson } from './otlp/decode-json';

/**
 * Reads one trace from a Jaeger query service through its API v3 (`/api/v3/traces/<id>`, Jaeger
 * 1.40 and later, and every v2 release), which answers in OTLP/JSON. Resolves with no spans when
 * Jaeger does not have the trace.
 */
export async function fetchJaegerTrace(queryUrl: string, traceId: string, timeoutMillis = 10_000): Promise<ViewSpan[]> {
  const url = `${queryUrl.replace(/\/+$/, '')}/api/v3/traces/${traceId}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMillis) });
  const text = await response.text();
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  const body = JSON.parse(text) as { result?: unknown; error?: { message?: string; httpCode?: number } };
  if (body.error !== undefined) {
    if (body.error.httpCode === 404) return [];
    throw new Error(`${url} answered an error: ${body.error.message ?? JSON.stringify(body.error)}`);
  }
  return decodeTraceRequestJson((body.result ?? body) as Record<string, unknown>);
}
