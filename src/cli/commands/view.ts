import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { stringOption } from '../args';
import { ExitCode, UsageError, type CliCommand } from '../command';
import { fetchJaegerTrace } from '../jaeger-query';
import { readJsonLinesFile } from '../otlp/read-json-lines';
import { createProgress } from '../progress';
import type { ViewSpan } from '../trace-model';
import { PAGE_ASSETS } from '../ui/page-assets';
import { renderPageHtml, type EmbeddedData } from '../ui/render-page';
import { packSpans } from '../ui/span-pack';
import { summarize } from '../ui/trace-summary';

/** Where `view` writes when `--out` is not given: beside the input, `.html` instead of its extension. */
export function defaultOutputPath(input: string): string {
  const extension = extname(input);
  return join(dirname(input), `${basename(input, extension)}.html`);
}

/** The page data for a set of spans. */
export function embeddedData(source: string, spans: readonly ViewSpan[], skippedLines: number): EmbeddedData {
  const byTrace = new Map<string, ViewSpan[]>();
  for (const span of spans) {
    let list = byTrace.get(span.traceId);
    if (list === undefined) byTrace.set(span.traceId, (list = []));
    list.push(span);
  }
  const traces = [...byTrace].map(([traceId, traceSpans]) => summarize(traceId, traceSpans)).sort((a, b) => b.start - a.start);
  return {
    source,
    traces,
    spans: packSpans(spans),
    skippedLines,
    stats: {
      traces: traces.length,
      spans: spans.length,
      maxTraces: traces.length,
      maxSpans: spans.length,
      receivedSpans: spans.length,
      droppedTraces: 0,
      droppedSpans: 0,
      duplicateSpans: 0,
      acceptedRequests: 0,
      rejectedRequests: 0,
    },
  };
}

export const viewCommand: CliCommand = {
  name: 'view',
  summary: 'write traces as one self-contained HTML page (waterfall), from a file or Jaeger',
  positionals: '<file>',
  description:
    'Reads OTLP/JSON lines (one ExportTraceServiceRequest per line, as the file exporter and OpenTelemetry\'s file exporters write them) and writes the same trace list and waterfall as `ui` into one HTML file that needs no network when opened. ' +
    'Unreadable lines (corrupt or truncated) are skipped and counted in a warning. With --jaeger and --trace the trace is read from a Jaeger query service instead.',
  options: [
    { name: 'out', type: 'string', value: '<html>', short: 'o', description: 'where to write (default: beside the input, .html instead of its extension)' },
    { name: 'jaeger', type: 'string', value: '<query url>', description: 'read from a Jaeger query service, e.g. http://127.0.0.1:16686 (needs --trace)' },
    { name: 'trace', type: 'string', value: '<trace id>', description: 'the trace to read from Jaeger (32 hex digits)' },
    { name: 'quiet', type: 'boolean', short: 'q', description: 'no progress output' },
  ],
  examples: [
    'OTEL_TRACES_EXPORTER=file node --require otel-bootstrap/register app.js && npx otel-bootstrap view otel-traces.jsonl',
    'npx otel-bootstrap view traces.jsonl --out /tmp/traces.html',
    'npx otel-bootstrap view --jaeger http://127.0.0.1:16686 --trace 4bf92f3577b34da6a3ce929d0e0e4736',
  ],
  async run(args, io) {
    const quiet = args.values.quiet === true;
    const progress = createProgress(io, quiet);
    const jaeger = stringOption(args, 'jaeger');
    const traceId = stringOption(args, 'trace');
    let spans: readonly ViewSpan[];
    let source: string;
    let skippedLines = 0;
    let output = stringOption(args, 'out');
    if (jaeger !== undefined || traceId !== undefined) {
      if (jaeger === undefined || traceId === undefined) throw new UsageError('--jaeger and --trace go together');
      if (!/^[0-9a-fA-F]{32}$/.test(traceId)) throw new UsageError(`--trace ${JSON.stringify(traceId)} is not a trace id (32 hex digits)`);
      if (args.positionals.length > 0) throw new UsageError('give either a file or --jaeger with --trace, not both');
      progress.done(`reading trace ${traceId} from ${jaeger}`);
      try {
        spans = await fetchJaegerTrace(jaeger, traceId.toLowerCase());
      } catch (error) {
        io.stderr(`otel-bootstrap view: cannot read trace ${traceId} from ${jaeger}: ${error instanceof Error ? error.message : String(error)}\n`);
        return ExitCode.failed;
      }
      if (spans.length === 0) {
        io.stderr(`otel-bootstrap view: Jaeger at ${jaeger} has no trace ${traceId}.\n`);
        return ExitCode.failed;
      }
      source = `Jaeger ${jaeger} trace ${traceId}`;
      output ??= resolve(io.cwd, `trace-${traceId.toLowerCase()}.html`);
    } else {
      const input = args.positionals[0];
      if (input === undefined || args.positionals.length > 1) throw new UsageError('give one input file (OTLP/JSON lines)');
      const path = resolve(io.cwd, input);
      let result;
      try {
        result = await readJsonLinesFile(path, (read, total, count) => progress.update(`reading ${input}: ${percent(read, total)} (${count} spans)`));
      } catch (error) {
        io.stderr(`otel-bootstrap view: cannot read ${input}: ${error instanceof Error ? error.message : String(error)}\n`);
        return ExitCode.failed;
      }
      progress.done(`read ${input}: ${result.lines} line(s), ${result.spans.length} span(s)`);
      if (result.skippedLines > 0) {
        io.stderr(`otel-bootstrap view: warning: ${result.skippedLines} of ${result.lines} line(s) of ${input} are not OTLP/JSON trace requests (corrupt or truncated) and were skipped; first: ${result.firstProblems.join('; ')}\n`);
      }
      if (result.spans.length === 0) {
        io.stderr(`otel-bootstrap view: ${input} holds no spans.\n`);
        return ExitCode.failed;
      }
      spans = result.spans;
      skippedLines = result.skippedLines;
      source = basename(input);
      output ??= defaultOutputPath(path);
    }
    const data = embeddedData(source, spans, skippedLines);
    const target = resolve(io.cwd, output);
    writeFileSync(target, renderPageHtml(PAGE_ASSETS, data));
    io.stdout(`wrote ${target}: ${data.traces.length} trace(s), ${spans.length} span(s)\n`);
    return ExitCode.ok;
  },
};

function percent(read: number, total: number): string {
  return total === 0 ? '100%' : `${Math.min(100, Math.round((read / total) * 100))}%`;
}
