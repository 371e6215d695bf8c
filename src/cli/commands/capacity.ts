import { resolve } from 'node:path';
import { resolveConfig } from '../../config/resolve';
import { findAppPackage } from '../../resource/find-app-package';
import { numberOption, portOption, stringOption } from '../args';
import { ExitCode, UsageError, type CliCommand, type CliIo, type ParsedArgs } from '../command';
import { measureSizes, type EncodingSize, type WireEncoding } from '../capacity/measure-sizes';
import { formatBytes, formatCount, project, seedBytesPerDay, sensitivity, SEED_BYTES_PER_SPAN, type ProjectionInput } from '../capacity/project';
import { sampleService } from '../capacity/sample-service';
import { readJsonLinesFile } from '../otlp/read-json-lines';
import { toReadableSpans } from '../otlp/readable-span';
import { createProgress } from '../progress';
import type { ViewSpan } from '../trace-model';
import type { ResolvedConfig } from '../../config/options';

const SAMPLING_RATES = [0.001, 0.01, 0.05, 0.1, 0.25, 1];
const SPANS_FACTORS = [0.5, 1, 2, 4];
const MAX_SAMPLED_SPANS = 200_000;

/** Which encoding the configured exporter sends. */
function configuredEncoding(config: ResolvedConfig): { encoding: WireEncoding; why: string } {
  const exporter = config.exporters.find((choice) => choice === 'jaeger' || choice === 'otlp' || choice === 'file');
  if (exporter === 'jaeger') return { encoding: 'jaeger-thrift', why: 'the configured exporter is jaeger (Thrift)' };
  if (exporter === 'file') return { encoding: 'otlp-json', why: 'the configured exporter is file (OTLP/JSON lines)' };
  if (exporter === 'otlp') return config.otlp.protocol === 'http/json' ? { encoding: 'otlp-json', why: 'the configured exporter is otlp over http/json' } : { encoding: 'otlp-protobuf', why: `the configured exporter is otlp over ${config.otlp.protocol}` };
  return { encoding: 'otlp-protobuf', why: `no network exporter is configured (${config.exporters.map(String).join(', ')}); OTLP protobuf is the default` };
}

function configuredSampling(config: ResolvedConfig): { rate: number; why: string } {
  if ('instance' in config.sampler) return { rate: 1, why: 'a custom sampler (assumed 1; give --sampling)' };
  const { name, ratio } = config.sampler;
  if (name.endsWith('always_off')) return { rate: 0, why: `sampler ${name}` };
  if (name.endsWith('always_on')) return { rate: 1, why: `sampler ${name}` };
  return { rate: ratio, why: `sampler ${name} (${ratio}) of the ${config.profile} profile or environment` };
}

function spansPerTraceOf(spans: readonly ViewSpan[]): number {
  const traces = new Set(spans.map((span) => span.traceId));
  return traces.size === 0 ? 0 : spans.length / traces.size;
}

async function loadSpans(args: ParsedArgs, io: CliIo, quiet: boolean): Promise<{ spans: ViewSpan[]; source: string; skippedLines: number }> {
  const from = stringOption(args, 'from');
  const sampleSeconds = stringOption(args, 'sample') === undefined ? undefined : numberOption(args, 'sample', 10, 1, 3600);
  if ((from === undefined) === (sampleSeconds === undefined)) throw new UsageError('give --from <file> (exported spans) or --sample <seconds> (receive from a running service)');
  const progress = createProgress(io, quiet);
  if (from !== undefined) {
    const result = await readJsonLinesFile(resolve(io.cwd, from), (read, total, count) => progress.update(`reading ${from}: ${total === 0 ? 100 : Math.round((read / total) * 100)}% (${count} spans)`));
    progress.done(`read ${from}: ${result.spans.length} span(s) from ${result.lines} line(s)`);
    if (result.skippedLines > 0) io.stderr(`otel-bootstrap capacity: warning: ${result.skippedLines} line(s) of ${from} are not OTLP/JSON trace requests and were skipped; first: ${result.firstProblems.join('; ')}\n`);
    return { spans: result.spans, source: from, skippedLines: result.skippedLines };
  }
  const port = portOption(args, 'port', 4318);
  const seconds = sampleSeconds as number;
  const result = await sampleService(
    port,
    seconds,
    MAX_SAMPLED_SPANS,
    (url) => progress.done(`sampling for ${seconds} s: receiving OTLP/HTTP on ${url}/v1/traces (point the service there: OTEL_EXPORTER_OTLP_ENDPOINT=${url}, 100% sampling gives the best sample)`),
    (elapsed, count) => progress.update(`sampling: ${elapsed}/${seconds} s, ${count} span(s) received`),
  );
  progress.done(`sampled ${result.spans.length} span(s) in ${result.requests} request(s) over ${seconds} s${result.rejected > 0 ? `, ${result.rejected} undecodable request(s)` : ''}`);
  return { spans: result.spans, source: `a ${seconds} s sample on port ${port}`, skippedLines: 0 };
}

export const capacityCommand: CliCommand = {
  name: 'capacity',
  summary: 'size trace storage: traces, spans and bytes per day from spans measured, not assumed',
  description:
    'Projects daily traces, spans and bytes, and the storage over the retention period, from requests per day, the sampling rate, spans per trace and bytes per span. Bytes per span are measured: the spans of --from <file> (OTLP/JSON lines) or of a short --sample of a running service are encoded exactly as the exporters send them (OTLP protobuf and JSON by this package\'s encoders, Jaeger Thrift by the Jaeger exporter when it is installed), in batches of the configured size. ' +
    'Sampling and the encoding default to what this environment configures. A sensitivity table shows the storage over sampling rates and spans per trace. The seed planner\'s formula (requests x rate x spans x 1 KB) is shown as the special case of a fixed 1 KB per span.',
  options: [
    { name: 'from', type: 'string', value: '<file>', description: 'spans to measure: OTLP/JSON lines (the file exporter\'s output)' },
    { name: 'sample', type: 'string', value: '<seconds>', description: 'instead of --from: receive OTLP/HTTP from a running service for this long' },
    { name: 'port', type: 'string', value: '<port>', description: 'port of the --sample receiver on 127.0.0.1 (default 4318)' },
    { name: 'requests-per-day', type: 'string', value: '<n>', description: 'requests (traces started) per day' },
    { name: 'rps', type: 'string', value: '<n>', description: 'instead of --requests-per-day: requests per second' },
    { name: 'sampling', type: 'string', value: '<rate>', description: 'sampling rate 0..1 (default: the configured sampler\'s)' },
    { name: 'spans-per-trace', type: 'string', value: '<n>', description: 'spans per trace (default: measured from the spans)' },
    { name: 'retention-days', type: 'string', value: '<days>', description: 'days traces are kept (default 7)' },
    { name: 'storage-factor', type: 'string', value: '<x>', description: 'bytes stored per byte received in the backend (indexes, replicas; default 1)' },
    { name: 'encoding', type: 'string', value: '<name>', description: 'otlp-protobuf, otlp-json or jaeger-thrift (default: the configured exporter\'s)' },
    { name: 'json', type: 'boolean', description: 'print the result as JSON' },
    { name: 'quiet', type: 'boolean', short: 'q', description: 'no progress output' },
  ],
  examples: [
    'npx otel-bootstrap capacity --from otel-traces.jsonl --rps 200 --sampling 0.01 --retention-days 14',
    'npx otel-bootstrap capacity --sample 30 --port 14318 --requests-per-day 5000000   # the service exports to 127.0.0.1:14318',
    'npx otel-bootstrap capacity --from traces.jsonl --rps 50 --storage-factor 1.6 --json',
  ],
  async run(args, io) {
    const json = args.values.json === true;
    const rpsGiven = stringOption(args, 'rps') !== undefined;
    const perDayGiven = stringOption(args, 'requests-per-day') !== undefined;
    if (rpsGiven === perDayGiven) throw new UsageError('give the load as --requests-per-day <n> or --rps <n> (one of them)');
    const requestsPerDay = rpsGiven ? numberOption(args, 'rps', 0, 0, 1e9) * 86_400 : numberOption(args, 'requests-per-day', 0, 0, 1e14);
    const encodingOption = stringOption(args, 'encoding');
    if (encodingOption !== undefined && !['otlp-protobuf', 'otlp-json', 'jaeger-thrift'].includes(encodingOption)) throw new UsageError(`--encoding ${JSON.stringify(encodingOption)}: expected otlp-protobuf, otlp-json or jaeger-thrift`);
    const { config, warnings } = resolveConfig({}, io.env, findAppPackage(`${io.cwd}/index.js`));
    for (const warning of warnings) io.stderr(`${warning}\n`);

    const loaded = await loadSpans(args, io, args.values.quiet === true);
    if (loaded.spans.length === 0) {
      io.stderr(`otel-bootstrap capacity: ${loaded.source} gave no spans to measure.\n`);
      return ExitCode.failed;
    }
    const sizes = measureSizes(toReadableSpans(loaded.spans), config.batch.maxExportBatchSize);
    const configured = configuredEncoding(config);
    const encoding = (encodingOption as WireEncoding | undefined) ?? configured.encoding;
    const chosen = sizes.find((size) => size.encoding === encoding) as EncodingSize;
    if (!chosen.available) {
      io.stderr(`otel-bootstrap capacity: ${encoding} ${chosen.reason ?? 'cannot be measured'}.\n`);
      return ExitCode.failed;
    }
    const sampling = stringOption(args, 'sampling') === undefined ? configuredSampling(config) : { rate: numberOption(args, 'sampling', 1, 0, 1), why: '--sampling' };
    const measuredSpansPerTrace = spansPerTraceOf(loaded.spans);
    const spansPerTrace = numberOption(args, 'spans-per-trace', measuredSpansPerTrace, 0, 1e7);
    const input: ProjectionInput = {
      requestsPerDay,
      samplingRate: sampling.rate,
      spansPerTrace,
      bytesPerSpan: chosen.bytesPerSpan,
      storageFactor: numberOption(args, 'storage-factor', 1, 0, 1000),
      retentionDays: numberOption(args, 'retention-days', 7, 0, 100_000),
    };
    const projection = project(input);
    const seed = seedBytesPerDay(input);
    const rates = [...new Set([...SAMPLING_RATES, input.samplingRate])].sort((a, b) => a - b);
    const spanColumns = [...new Set(SPANS_FACTORS.map((factor) => Math.max(1, Math.round(spansPerTrace * factor))))];
    const table = sensitivity(input, rates, spanColumns);
    const result = {
      source: loaded.source,
      measuredSpans: loaded.spans.length,
      measuredTraces: new Set(loaded.spans.map((span) => span.traceId)).size,
      measuredSpansPerTrace,
      encodings: sizes,
      encoding,
      encodingReason: encodingOption === undefined ? configured.why : '--encoding',
      samplingReason: sampling.why,
      input,
      projection,
      seedFormula: { bytesPerSpan: SEED_BYTES_PER_SPAN, bytesPerDay: seed, measuredOverSeed: seed === 0 ? 0 : projection.bytesPerDay / seed },
      sensitivity: { samplingRates: rates, spansPerTrace: spanColumns, storageBytes: table },
    };
    if (json) {
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      return ExitCode.ok;
    }
    const lines = [
      `measured ${formatCount(result.measuredSpans)} span(s) in ${formatCount(result.measuredTraces)} trace(s) from ${loaded.source} (${measuredSpansPerTrace.toFixed(1)} spans per trace), encoded in batches of ${config.batch.maxExportBatchSize}:`,
      '',
      '  encoding        bytes/span   one-span request bytes: min / p50 / p95 / max',
      ...sizes.map((size) =>
        size.available
          ? `  ${size.encoding.padEnd(14)}  ${size.bytesPerSpan.toFixed(0).padStart(10)}   ${size.perSpan === undefined ? '' : `${size.perSpan.min} / ${size.perSpan.p50} / ${size.perSpan.p95} / ${size.perSpan.max}`}${size.encoding === encoding ? '   <- used' : ''}`
          : `  ${size.encoding.padEnd(14)}  ${'-'.padStart(10)}   ${size.reason ?? ''}`,
      ),
      '',
      `projection (${result.encodingReason}; sampling ${input.samplingRate} from ${sampling.why}; storage factor ${input.storageFactor}; retention ${input.retentionDays} days):`,
      `  requests per day   ${formatCount(requestsPerDay)}`,
      `  traces per day     ${formatCount(projection.tracesPerDay)}  (= requests x ${input.samplingRate})`,
      `  spans per day      ${formatCount(projection.spansPerDay)}  (= traces x ${spansPerTrace.toFixed(1)})`,
      `  bytes per day      ${formatBytes(projection.bytesPerDay)}  (= spans x ${input.bytesPerSpan.toFixed(0)} B x ${input.storageFactor})`,
      `  storage            ${formatBytes(projection.storageBytes)}  (= bytes per day x ${input.retentionDays} days)`,
      '',
      `seed formula, requests x rate x spans x 1 KB: ${formatBytes(seed)} per day, the special case of ${SEED_BYTES_PER_SPAN} B per span and factor 1; the measured estimate is ${result.seedFormula.measuredOverSeed.toFixed(2)}x that.`,
      '',
      `storage over ${input.retentionDays} days by sampling rate (rows) and spans per trace (columns):`,
      `  ${'rate'.padStart(7)}  ${spanColumns.map((spans) => `${spans} spans`.padStart(11)).join('')}`,
      ...rates.map((rate, row) => `  ${String(rate).padStart(7)}  ${(table[row] as number[]).map((bytes) => formatBytes(bytes).padStart(11)).join('')}${rate === input.samplingRate ? '  <- chosen' : ''}`),
      '',
    ];
    io.stdout(lines.join('\n'));
    return ExitCode.ok;
  },
};
