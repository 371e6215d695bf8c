/** Where the page gets traces: the `ui` server's API (live), or the data inside a `view` file. */
import type { StoreStats, TraceSummary, ViewSpan } from '../../trace-model';
import { unpackSpans, type PackedSpans } from '../span-pack';
import { matchesFilter, type TraceFilter } from '../trace-summary';

/** One answer of the trace list. */
export interface TraceList {
  traces: TraceSummary[];
  stats: StoreStats;
  services: string[];
}

/** What the page reads. */
export interface DataSource {
  readonly live: boolean;
  /** A line describing the source, shown in the header. */
  readonly description: string;
  list(filter: TraceFilter): Promise<TraceList>;
  trace(traceId: string): Promise<ViewSpan[] | undefined>;
  /** Calls `onChange` when new spans arrive (live sources only). */
  subscribe(onChange: (stats: StoreStats) => void): void;
}

/** Reads the `ui` server's API and its event stream. */
export class LiveSource implements DataSource {
  readonly live = true;
  readonly description = 'live: OTLP/HTTP receiver';

  async list(filter: TraceFilter): Promise<TraceList> {
    const params = new URLSearchParams();
    if (filter.service) params.set('service', filter.service);
    if (filter.name) params.set('name', filter.name);
    if (filter.attribute) params.set('attribute', filter.attribute);
    if (filter.minDurationMillis !== undefined) params.set('minDuration', String(filter.minDurationMillis));
    const response = await fetch(`api/traces?${params.toString()}`);
    return (await response.json()) as TraceList;
  }

  async trace(traceId: string): Promise<ViewSpan[] | undefined> {
    const response = await fetch(`api/traces/${traceId}`);
    if (response.status === 404) return undefined;
    return unpackSpans((await response.json()) as PackedSpans);
  }

  subscribe(onChange: (stats: StoreStats) => void): void {
    const events = new EventSource('api/events');
    events.addEventListener('update', (event) => onChange(JSON.parse((event as MessageEvent<string>).data) as StoreStats));
  }
}

/** The data of a `view` file. */
export interface EmbeddedPayload {
  source: string;
  traces: TraceSummary[];
  spans: PackedSpans;
  stats: StoreStats;
  skippedLines: number;
}

/** Serves the traces embedded in the page; needs no network. */
export class EmbeddedSource implements DataSource {
  readonly live = false;
  readonly description: string;
  readonly #byTrace = new Map<string, ViewSpan[]>();
  readonly #payload: EmbeddedPayload;

  constructor(payload: EmbeddedPayload) {
    this.#payload = payload;
    for (const span of unpackSpans(payload.spans)) {
      let spans = this.#byTrace.get(span.traceId);
      if (spans === undefined) this.#byTrace.set(span.traceId, (spans = []));
      spans.push(span);
    }
    const skipped = payload.skippedLines === 0 ? '' : `, ${payload.skippedLines} unreadable line(s) skipped`;
    this.description = `file: ${payload.source}${skipped}`;
  }

  list(filter: TraceFilter): Promise<TraceList> {
    const traces = this.#payload.traces.filter((summary) => matchesFilter(summary, this.#byTrace.get(summary.traceId) ?? [], filter));
    const services = [...new Set(this.#payload.traces.flatMap((summary) => summary.services))].sort();
    return Promise.resolve({ traces, stats: this.#payload.stats, services });
  }

  trace(traceId: string): Promise<ViewSpan[] | undefined> {
    return Promise.resolve(this.#byTrace.get(traceId));
  }

  subscribe(): void {
    // A file does not change.
  }
}
