import type { ReadableSpan, SpanExporter } from '../sdk/sdk-types';
import { ExportResultCode, type ExportResult } from '../sdk/export-result';
import { formatTraceTree, type TraceTreeOptions } from './format-trace-tree';

/** Where the tree text goes; standard output by default. */
export type TreeWriter = (text: string) => void;

/** How long a trace waits after its local root ends for late children before it is printed. */
const SETTLE_MILLIS = 50;
/** Traces held at once; the oldest is printed early past this so memory stays bounded. */
const MAX_OPEN_TRACES = 1000;

/**
 * Prints one readable tree per trace (in verbose mode with every attribute and event). Spans are held per trace until a span whose parent is not
 * local ends (the local root), then printed after a short settle delay so late children join.
 */
export class ConsoleTreeExporter implements SpanExporter {
  private readonly open = new Map<string, { spans: ReadableSpan[]; timer?: NodeJS.Timeout }>();
  private stopped = false;

  constructor(
    private readonly write: TreeWriter = (text) => void process.stdout.write(`${text}\n`),
    private readonly treeOptions: TraceTreeOptions = {},
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) return resultCallback({ code: ExportResultCode.FAILED, error: new Error('exporter is shut down') });
    for (const span of spans) this.add(span);
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  private add(span: ReadableSpan): void {
    const traceId = span.spanContext().traceId;
    let entry = this.open.get(traceId);
    if (entry === undefined) {
      if (this.open.size >= MAX_OPEN_TRACES) this.print(this.open.keys().next().value as string);
      entry = { spans: [] };
      this.open.set(traceId, entry);
    }
    entry.spans.push(span);
    const parent = span.parentSpanContext;
    const isLocalRoot = parent === undefined || parent.isRemote === true;
    if (isLocalRoot || entry.timer !== undefined) {
      if (entry.timer !== undefined) clearTimeout(entry.timer);
      entry.timer = setTimeout(() => this.print(traceId), SETTLE_MILLIS);
      entry.timer.unref();
    }
  }

  private print(traceId: string): void {
    const entry = this.open.get(traceId);
    if (entry === undefined) return;
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    this.open.delete(traceId);
    this.write(formatTraceTree(entry.spans, this.treeOptions));
  }

  /** Prints every trace still held. */
  forceFlush(): Promise<void> {
    for (const traceId of [...this.open.keys()]) this.print(traceId);
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    const flushed = this.forceFlush();
    this.stopped = true;
    return flushed;
  }
}
