import type { StoreStats, TraceSummary, ViewSpan } from '../trace-model';
import { matchesFilter, summarize, type TraceFilter } from './trace-summary';

export type { TraceFilter } from './trace-summary';

/** Limits of a {@link TraceStore}. */
export interface TraceStoreLimits {
  /** Traces kept at most; the least recently updated is dropped first. */
  maxTraces: number;
  /** Spans kept at most over all traces. */
  maxSpans: number;
}

interface StoredTrace {
  spans: ViewSpan[];
  spanIds: Set<string>;
  summary: TraceSummary | undefined;
}

/**
 * Holds recent traces within fixed limits. A trace's position is refreshed each time one of its
 * spans arrives, so the traces dropped to make room are those that stopped changing longest ago.
 * A span that would need its own trace dropped (one trace holding every allowed span) is dropped
 * instead. Every drop is counted, and so is a span received twice (kept once).
 */
export class TraceStore {
  readonly #traces = new Map<string, StoredTrace>();
  readonly #limits: TraceStoreLimits;
  #spanCount = 0;
  #receivedSpans = 0;
  #droppedTraces = 0;
  #droppedSpans = 0;
  #duplicateSpans = 0;
  #acceptedRequests = 0;
  #rejectedRequests = 0;

  constructor(limits: TraceStoreLimits) {
    if (!(limits.maxTraces >= 1 && limits.maxSpans >= 1)) throw new RangeError('maxTraces and maxSpans must be at least 1');
    this.#limits = { ...limits };
  }

  /** Adds the spans of one accepted request; returns the ids of the traces that changed. */
  add(spans: readonly ViewSpan[]): string[] {
    this.#acceptedRequests++;
    const changed = new Set<string>();
    for (const span of spans) {
      this.#receivedSpans++;
      let trace = this.#traces.get(span.traceId);
      if (trace === undefined) {
        trace = { spans: [], spanIds: new Set(), summary: undefined };
      } else if (trace.spanIds.has(span.spanId)) {
        // A retried export sends the same spans again.
        this.#duplicateSpans++;
        continue;
      } else {
        this.#traces.delete(span.traceId);
      }
      this.#traces.set(span.traceId, trace);
      if (!this.#makeRoom(span.traceId)) {
        this.#droppedSpans++;
        if (trace.spans.length === 0) this.#traces.delete(span.traceId);
        continue;
      }
      trace.spans.push(span);
      trace.spanIds.add(span.spanId);
      trace.summary = undefined;
      this.#spanCount++;
      changed.add(span.traceId);
    }
    return [...changed];
  }

  /** Counts a request that could not be decoded. */
  reject(): void {
    this.#rejectedRequests++;
  }

  /** Summaries of the traces matching `filter`, most recently started first, at most `limit`. */
  list(filter: TraceFilter = {}, limit = Number.POSITIVE_INFINITY): TraceSummary[] {
    const matching: TraceSummary[] = [];
    for (const [traceId, trace] of this.#traces) {
      const summary = this.#summary(traceId, trace);
      if (matchesFilter(summary, trace.spans, filter)) matching.push(summary);
    }
    matching.sort((a, b) => b.start - a.start);
    return matching.slice(0, limit);
  }

  /** The spans of one trace, or `undefined` when it is not (or no longer) held. */
  trace(traceId: string): readonly ViewSpan[] | undefined {
    return this.#traces.get(traceId)?.spans;
  }

  /** Every service seen in the traces held, sorted. */
  services(): string[] {
    const names = new Set<string>();
    for (const trace of this.#traces.values()) for (const span of trace.spans) names.add(span.resource.service);
    return [...names].sort();
  }

  stats(): StoreStats {
    return {
      traces: this.#traces.size,
      spans: this.#spanCount,
      maxTraces: this.#limits.maxTraces,
      maxSpans: this.#limits.maxSpans,
      receivedSpans: this.#receivedSpans,
      droppedTraces: this.#droppedTraces,
      droppedSpans: this.#droppedSpans,
      duplicateSpans: this.#duplicateSpans,
      acceptedRequests: this.#acceptedRequests,
      rejectedRequests: this.#rejectedRequests,
    };
  }

  /** Drops the oldest other traces until one more span (of `traceId`) fits; false when it cannot. */
  #makeRoom(traceId: string): boolean {
    while (this.#traces.size > this.#limits.maxTraces || this.#spanCount >= this.#limits.maxSpans) {
      const oldest = this.#traces.keys().next().value as string;
      if (oldest === traceId) return this.#traces.size <= this.#limits.maxTraces && this.#spanCount < this.#limits.maxSpans;
      const dropped = this.#traces.get(oldest) as StoredTrace;
      this.#traces.delete(oldest);
      this.#spanCount -= dropped.spans.length;
      this.#droppedTraces++;
      this.#droppedSpans += dropped.spans.length;
    }
    return true;
  }

  #summary(traceId: string, trace: StoredTrace): TraceSummary {
    trace.summary ??= summarize(traceId, trace.spans);
    return trace.summary;
  }
}

