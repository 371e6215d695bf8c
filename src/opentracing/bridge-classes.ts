import {
  context as contextApi,
  diag,
  INVALID_SPAN_CONTEXT,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Baggage,
  type Context,
  type HrTime,
  type Link,
  type Span as OtelSpan,
  type SpanContext as OtelSpanContext,
  type TextMapPropagator,
  type Tracer as OtelTracer,
} from '@opentelemetry/api';
import type * as OpenTracing from 'opentracing';
import { LOG_PREFIX } from '../config/warnings';
import { createGetter, createSetter, isCarrier } from '../propagation/carriers';
import { decodeBinaryHeaders, encodeBinaryHeaders } from './binary-carrier';
import { bridgeWarnings } from './bridge-warnings';
import { mapLog } from './log-mapping';
import { openTracingTime } from './span-time';
import { mapTags, SPAN_KIND_TAG } from './tag-mapping';
import { WarnOnce } from './warn-once';

/** The OpenTracing reference type a link was made from, as the OpenTelemetry compatibility specification names it. */
export const REF_TYPE_ATTRIBUTE = 'opentracing.ref_type';

type OpenTracingModule = typeof OpenTracing;
type Fields = Record<string, unknown>;

/** What a bridge tracer is built from. */
export interface BridgeSettings {
  tracer: OtelTracer;
  propagator: TextMapPropagator;
}

/** The OpenTracing tracer of the bridge: the `opentracing` API plus active-span helpers. */
export interface BridgeTracer extends OpenTracing.Tracer {
  /**
   * The active span as an OpenTracing span: one this tracer started and made active, or a span
   * started through OpenTelemetry (`@traceMethod()`, HTTP instrumentation) seen through this API.
   * `null` when no span is active.
   */
  activeSpan(): OpenTracing.Span | null;
  /**
   * Runs `fn` with `span` as the active span: OpenTelemetry spans started inside (decorated
   * methods, HTTP and fetch calls, `withSpan()`) and OpenTracing spans started without `childOf`
   * become its children, and its baggage is the active baggage.
   */
  activate<T>(span: OpenTracing.Span, fn: () => T): T;
  /**
   * Starts a span, runs `fn` with it active and finishes it when `fn` returns, throws, or the
   * promise it returns settles; an error sets `error: true` and logs an `error` event.
   */
  startActiveSpan<T>(name: string, fn: (span: OpenTracing.Span) => T): T;
  startActiveSpan<T>(name: string, options: OpenTracing.SpanOptions, fn: (span: OpenTracing.Span) => T): T;
}

interface Classes {
  createTracer(settings: BridgeSettings): BridgeTracer;
}

const built = new WeakMap<OpenTracingModule, Classes>();

/** The bridge classes, built once per loaded `opentracing` module (they extend its classes). */
export function bridgeClasses(ot: OpenTracingModule): Classes {
  let classes = built.get(ot);
  if (classes === undefined) {
    classes = buildClasses(ot);
    built.set(ot, classes);
  }
  return classes;
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs one OpenTracing call's work; whatever the arguments do (throwing getters, hostile
 * carriers, a throwing OpenTelemetry tracer), nothing is thrown into the application.
 */
function guarded<T>(fallback: T, work: () => T): T {
  try {
    return work();
  } catch (error) {
    diag.debug(`${LOG_PREFIX} OpenTracing bridge call failed: ${error instanceof Error ? error.message : String(error)}`);
    return fallback;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function buildClasses(ot: OpenTracingModule): Classes {
  /**
   * An OpenTracing span context over an OpenTelemetry one: `base` holds the span (or the remote
   * span context read from a carrier, with whatever else the propagators kept), `baggage` the
   * OpenTracing baggage, which is OpenTelemetry baggage.
   */
  class BridgeSpanContext extends ot.SpanContext {
    constructor(
      readonly base: Context,
      public baggage: Baggage | undefined,
      readonly span: BridgeSpan | undefined,
    ) {
      super();
    }

    get otelSpanContext(): OtelSpanContext {
      return trace.getSpanContext(this.base) ?? INVALID_SPAN_CONTEXT;
    }

    /** The context to start children in, to activate, or to inject: the span and its baggage. */
    toContext(): Context {
      return this.baggage === undefined ? propagation.deleteBaggage(this.base) : propagation.setBaggage(this.base, this.baggage);
    }

    override toTraceId(): string {
      return this.otelSpanContext.traceId;
    }

    override toSpanId(): string {
      return this.otelSpanContext.spanId;
    }
  }

  class BridgeSpan extends ot.Span {
    readonly #tracer: Tracer;
    readonly #context: BridgeSpanContext;
    #name: string;
    #finished = false;

    constructor(
      tracer: Tracer,
      readonly otelSpan: OtelSpan,
      parent: Context,
      name: string,
    ) {
      super();
      this.#tracer = tracer;
      this.#name = name;
      this.#context = new BridgeSpanContext(trace.setSpan(parent, otelSpan), propagation.getBaggage(parent), this);
    }

    get finished(): boolean {
      return this.#finished;
    }

    get name(): string {
      return this.#name;
    }

    protected override _context(): BridgeSpanContext {
      return this.#context;
    }

    protected override _tracer(): Tracer {
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
  }

  class Tracer extends ot.Tracer implements BridgeTracer {
    readonly warnings = new WarnOnce();
    readonly #otel: OtelTracer;
    readonly #propagator: TextMapPropagator;
    /** The OpenTracing view of each OpenTelemetry span seen, so `activeSpan()` returns the same object. */
    readonly #views = new WeakMap<OtelSpan, BridgeSpan>();

    constructor(settings: BridgeSettings) {
      super();
      this.#otel = settings.tracer;
      this.#propagator = settings.propagator;
    }

    /** An OpenTracing time as an OpenTelemetry one; warns (once) and gives `undefined` (now) for a bad one. */
    time(value: unknown, what: string): HrTime | undefined {
      const time = openTracingTime(value);
      if (time !== null) return time;
      this.warnings.warn(`bad-time:${what}`, bridgeWarnings.badTime(what));
      return undefined;
    }

    override startSpan(name: string, options: OpenTracing.SpanOptions = {}): OpenTracing.Span {
      if (!isRecord(options)) this.warnings.warn('bad-tags', bridgeWarnings.badTags());
      return guarded(undefined, () => {
        const references: unknown = isRecord(options) ? options.references : undefined;
        const fields: OpenTracing.SpanOptions = isRecord(options) ? { ...options, references: Array.isArray(references) ? [...(references as OpenTracing.Reference[])] : [] } : {};
        return super.startSpan(name, fields);
      }) ?? guarded(undefined, () => this._startSpan(name, {})) ?? new BridgeSpan(this, trace.wrapSpanContext(INVALID_SPAN_CONTEXT), ROOT_CONTEXT, String(name));
    }

    protected override _startSpan(name: string, fields: OpenTracing.SpanOptions): BridgeSpan {
      let spanName = name;
      if (typeof name !== 'string' || name === '') {
        this.warnings.warn('bad-name', bridgeWarnings.badName());
        spanName = 'unnamed';
      }
      let parent: Context | undefined;
      const links: Link[] = [];
      for (const reference of fields.references ?? []) {
        const referenced = reference instanceof ot.Reference ? this.#ownContext(reference.referencedContext()) : this.#ownContext(undefined);
        if (referenced === undefined) continue;
        const type = reference.type();
        if (type === ot.REFERENCE_CHILD_OF && parent === undefined) {
          if (referenced.span?.finished === true) this.warnings.warn('child-of-finished', bridgeWarnings.childOfFinished(spanName));
          parent = referenced.toContext();
        } else {
          links.push({ context: referenced.otelSpanContext, attributes: { [REF_TYPE_ATTRIBUTE]: String(type) } });
        }
      }
      parent ??= contextApi.active();
      let tags: Fields = {};
      if (fields.tags !== undefined) {
        if (isRecord(fields.tags)) tags = fields.tags;
        else this.warnings.warn('bad-tags', bridgeWarnings.badTags());
      }
      const mapped = mapTags(tags);
      const startTime = this.time(fields.startTime, 'startTime');
      const otelSpan = this.#otel.startSpan(
        spanName,
        {
          attributes: mapped.attributes,
          links,
          ...(mapped.kind === undefined ? {} : { kind: mapped.kind }),
          ...(startTime === undefined ? {} : { startTime }),
        },
        parent,
      );
      if (mapped.error) otelSpan.setStatus({ code: SpanStatusCode.ERROR });
      const span = new BridgeSpan(this, otelSpan, parent, spanName);
      this.#views.set(otelSpan, span);
      return span;
    }

    #ownContext(value: unknown): BridgeSpanContext | undefined {
      const spanContext = value instanceof BridgeSpan ? value.context() : value;
      if (spanContext instanceof BridgeSpanContext) return spanContext;
      this.warnings.warn('foreign-context', bridgeWarnings.foreignContext());
      return undefined;
    }

    override inject(spanContext: OpenTracing.SpanContext | OpenTracing.Span, format: string, carrier: unknown): void {
      // A carrier whose setters throw keeps what was written so far.
      guarded(undefined, () => super.inject(spanContext, format, carrier));
    }

    protected override _inject(spanContext: OpenTracing.SpanContext, format: string, carrier: unknown): void {
      const own = this.#ownContext(spanContext);
      if (own === undefined || !this.#checkCarrier(format, carrier)) return;
      const context = own.toContext();
      if (format === ot.FORMAT_BINARY) {
        const headers: Record<string, string> = {};
        this.#propagator.inject(context, headers, createSetter(false));
        (carrier as { buffer: unknown }).buffer = encodeBinaryHeaders(headers);
        return;
      }
      this.#propagator.inject(context, carrier, createSetter(false));
    }

    override extract(format: string, carrier: unknown): OpenTracing.SpanContext | null {
      return guarded(null, () => super.extract(format, carrier));
    }

    protected override _extract(format: string, carrier: unknown): BridgeSpanContext | null {
      if (!this.#checkCarrier(format, carrier)) return null;
      const source = format === ot.FORMAT_BINARY ? decodeBinaryHeaders((carrier as { buffer?: unknown }).buffer) : carrier;
      if (source === undefined) return null;
      const extracted = this.#propagator.extract(ROOT_CONTEXT, source, createGetter());
      const spanContext = trace.getSpanContext(extracted);
      if (spanContext === undefined || !trace.isSpanContextValid(spanContext)) return null;
      return new BridgeSpanContext(propagation.deleteBaggage(extracted), propagation.getBaggage(extracted), undefined);
    }

    /** Whether the format is known and the carrier fits it; warns once otherwise. */
    #checkCarrier(format: string, carrier: unknown): boolean {
      if (format !== ot.FORMAT_HTTP_HEADERS && format !== ot.FORMAT_TEXT_MAP && format !== ot.FORMAT_BINARY) {
        this.warnings.warn(`format:${String(format)}`, bridgeWarnings.unknownFormat(format));
        return false;
      }
      if (isCarrier(carrier)) return true;
      this.warnings.warn(`carrier:${format}`, bridgeWarnings.badCarrier(format, carrier));
      return false;
    }

    activeSpan(): OpenTracing.Span | null {
      const active = contextApi.active();
      const otelSpan = trace.getSpan(active);
      if (otelSpan === undefined) return null;
      let view = this.#views.get(otelSpan);
      if (view === undefined) {
        const name = (otelSpan as Partial<Record<'name', unknown>>).name;
        view = new BridgeSpan(this, otelSpan, trace.deleteSpan(active), typeof name === 'string' ? name : '');
        this.#views.set(otelSpan, view);
      }
      return view;
    }

    activate<T>(span: OpenTracing.Span, fn: () => T): T {
      const own = span instanceof BridgeSpan ? span.context() : undefined;
      if (!(own instanceof BridgeSpanContext)) {
        this.warnings.warn('not-a-span', bridgeWarnings.notASpan());
        return fn();
      }
      return contextApi.with(own.toContext(), fn);
    }

    startActiveSpan<T>(name: string, ...rest: [(span: OpenTracing.Span) => T] | [OpenTracing.SpanOptions, (span: OpenTracing.Span) => T]): T {
      const fn = rest[rest.length - 1] as (span: OpenTracing.Span) => T;
      const options: OpenTracing.SpanOptions = rest.length === 2 ? rest[0] : {};
      const span = this.startSpan(name, options);
      const fail = (error: unknown): void => {
        span.setTag(ot.Tags.ERROR, true);
        span.log({ event: 'error', 'error.object': error });
        span.finish();
      };
      let result: T;
      try {
        result = this.activate(span, () => fn(span));
      } catch (error) {
        fail(error);
        throw error;
      }
      if (!isThenable(result)) {
        span.finish();
        return result;
      }
      return Promise.resolve(result).then(
        (value) => {
          span.finish();
          return value;
        },
        (error: unknown) => {
          fail(error);
          throw error;
        },
      ) as T;
    }
  }

  return { createTracer: (settings) => new Tracer(settings) };
}
