import { propagation, SpanStatusCode, trace, type Context, type Span as OtelSpan } from '@opentelemetry/api';
import { bridgeWarnings } from './bridge-warnings';
import type { BridgeSpanContextShape, BridgeSpanShape, BridgeTracerInternals, OpenTracingModule, SpanClass, SpanContextClass } from './bridge-types';
import { guarded, isRecord } from './guarded';
import { mapLog } from './log-mapping';
import { mapTags, SPAN_KIND_TAG } from './tag-mapping';

type Fields = Record<string, unknown>;

/**
 * The bridge's span class, extending the loaded module's `Span`: each call goes to the
 * OpenTelemetry span (tags as attributes, kind and status; logs as events; finish as end), and
 * calls after `finish()` are ignored with one warning.
 */
export function defineSpanClass(ot: OpenTracingModule, SpanContext: SpanContextClass): SpanClass {
  return class BridgeSpan extends ot.Span implements BridgeSpanShape {
    readonly #tracer: BridgeTracerInternals;
    readonly #context: BridgeSpanContextShape;
    #name: string;
    #finished = false;

    constructor(
      tracer: BridgeTracerInternals,
      readonly otelSpan: OtelSpan,
      parent: Context,
      name: string,
    ) {
      super();
      this.#tracer = tracer;
      this.#name = name;
      this.#context = new SpanContext(trace.setSpan(parent, otelSpan), propagation.getBaggage(parent), this);
    }

    get finished(): boolean {
      return this.#finished;
    }

    get name(): string {
      return this.#name;
    }

    protected override _context(): BridgeSpanContextShape {
      return this.#context;
    }

    protected override _tracer(): BridgeTracerInternals {
      return this.#tracer;
    }

    #usable(): boolean {
      if (!this.#finished) return true;
      this.#tracer.warnings.warn('after-finish', bridgeWarnings.afterFinish(this.#name));
      return false;
    }

    protected override _setOperationName(name: string): void {
      guarded(undefined, () => {
        if (!this.#usable() || typeof name !== 'string') return;
        this.#name = name;
        this.otelSpan.updateName(name);
      });
    }

    protected override _setBaggageItem(key: string, value: string): void {
      guarded(undefined, () => {
        if (typeof key !== 'string' || key === '') return;
        const baggage = this.#context.baggage ?? propagation.createBaggage();
        this.#context.baggage = baggage.setEntry(key, { value: String(value) });
      });
    }

    protected override _getBaggageItem(key: string): string | undefined {
      return this.#context.baggage?.getEntry(key)?.value;
    }

    protected override _addTags(tags: Fields): void {
      guarded(undefined, () => {
        if (!isRecord(tags)) {
          this.#tracer.warnings.warn('bad-tags', bridgeWarnings.badTags());
          return;
        }
        if (!this.#usable()) return;
        const mapped = mapTags(tags);
        if (mapped.kind !== undefined) {
          this.#tracer.warnings.warn('kind-after-start', bridgeWarnings.kindAfterStart(this.#name));
          mapped.attributes[SPAN_KIND_TAG] = String(tags[SPAN_KIND_TAG]);
        }
        if (mapped.samplingPriority) this.#tracer.warnings.warn('priority-after-start', bridgeWarnings.samplingPriorityAfterStart(this.#name));
        this.otelSpan.setAttributes(mapped.attributes);
        if (mapped.error) this.otelSpan.setStatus({ code: SpanStatusCode.ERROR });
      });
    }

    protected override _log(fields: Fields, timestamp?: number): void {
      guarded(undefined, () => {
        if (!isRecord(fields)) {
          this.#tracer.warnings.warn('bad-tags', bridgeWarnings.badTags());
          return;
        }
        if (!this.#usable()) return;
        const time = this.#tracer.time(timestamp, 'log() timestamp');
        const { name, attributes } = mapLog(fields);
        if (time === undefined) this.otelSpan.addEvent(name, attributes);
        else this.otelSpan.addEvent(name, attributes, time);
      });
    }

    protected override _finish(finishTime?: number): void {
      guarded(undefined, () => {
        if (this.#finished) return;
        this.#finished = true;
        this.otelSpan.end(this.#tracer.time(finishTime, 'finish() time'));
      });
    }
  };
}
