import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ViewSpan } from '../trace-model';
import { decodeTraceRequestJson } from './decode-json';

/** What reading an OTLP JSON lines file found. */
export interface JsonLinesResult {
  spans: ViewSpan[];
  lines: number;
  /** Lines that are not an OTLP/JSON trace request (corrupt, truncated): skipped. */
  skippedLines: number;
  /** The first skipped lines' numbers and reasons, for the warning. */
  firstProblems: string[];
  bytes: number;
}

/**
 * Reads a file of OTLP/JSON lines (one `ExportTraceServiceRequest` per line, as OpenTelemetry's
 * file exporters write them), streaming, so large files do not need to fit in memory twice.
 * A whole file holding one pretty-printed request is read too. `onProgress` gets the bytes read.
 */
export async function readJsonLinesFile(path: string, onProgress: (bytesRead: number, totalBytes: number, spans: number) => void = () => undefined): Promise<JsonLinesResult> {
  const totalBytes = statSync(path).size;
  const stream = createReadStream(path);
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  const result: JsonLinesResult = { spans: [], lines: 0, skippedLines: 0, firstProblems: [], bytes: totalBytes };
  const unparsed: string[] = [];
  for await (const line of lines) {
    result.lines++;
    if (line.trim() === '') continue;
    try {
      for (const span of decodeTraceRequestJson(line)) result.spans.push(span);
      unparsed.length = 0;
    } catch (error) {
      if (result.spans.length === 0) unparsed.push(line);
      result.skippedLines++;
      if (result.firstProblems.length < 3) result.firstProblems.push(`line ${result.lines}: ${error instanceof Error ? error.message : String(error)}`);
    }
    onProgress(stream.bytesRead, totalBytes, result.spans.length);
  }
  // No line decoded: perhaps one request spread over many lines.
  if (result.spans.length === 0 && result.skippedLines > 1) {
    try {
      const spans = decodeTraceRequestJson(unparsed.join('\n'));
      return { ...result, spans, skippedLines: 0, firstProblems: [] };
    } catch {
      // Keep the per-line result.
    }
  }
  return result;
}
