import {
  context as contextApi,
  INVALID_SPAN_CONTEXT,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Context,
  type HrTime,
  type Link,
  type Span as OtelSpan,
  type TextMapPropagator,
  type Tracer as OtelTracer,
} from '@opentelemetry/api';
import type * as OpenTracing from 'opentracing';
import { createGetter, createSetter, isCarrier } from '../propagation/carriers';
import { decodeBinaryHeaders, encodeBinaryHeaders } from './binary-carrier';
import { bridgeWarnings } from './bridge-warnings';
import type { BridgeSettings, BridgeSpanContextShape, BridgeSpanShape, BridgeTracer, BridgeTracerInternals, OpenTracingModule, SpanClass, SpanContextClass } from './bridge-types';
import { guarded, isRecord, isThenable } from './guarded';
import { openTracingTime } from './span-time';
import { mapTags } from './tag-mapping';
import { WarnOnce } from './warn-once';

/** The OpenTracing reference type a link was made from, as the OpenTelemetry compatibility specification names it. */
export const REF_TYPE_ATTRIBUTE = 'opentracing.ref_type';

type Fields = Record<string, unknown>;

/**
 * The bridge's tracer class, extending the loaded module's `Tracer`: spans on the OpenTelemetry
 * tracer (references as parent and links, tags at start), inject and extract through the
 * package's propagators in every OpenTracing format, and active spans in both directions.
 */
export function defineTracerClass(ot: OpenTracingModule, Span: SpanClass, SpanContext: SpanContextClass): new (settings: BridgeSettings) => BridgeTracer {
  return class BridgeTracerImpl extends ot.Tracer implements BridgeTracer, BridgeTracerInternals {
    readonly warnings = new WarnOnce();
    readonly #otel: OtelTracer;
    readonly #propagator: TextMapPropagator;
    /** The OpenTracing view of each OpenTelemetry span seen, so `activeSpan()` returns the same object. */
    readonly #views = new WeakMap<OtelSpan, BridgeSpanShape>();

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
      }) ?? guarded(undefined, () => this._startSpan(name, {})) ?? new Span(this, trace.wrapSpanContext(INVALID_SPAN_CONTEXT), ROOT_CONTEXT, String(name));
    }

    protected override _startSpan(name: string, fields: OpenTracing.SpanOptions): BridgeSpanShape {
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
      const span = new Span(this, otelSpan, parent, spanName);
      this.#views.set(otelSpan, span);
      return span;
    }

    #ownContext(value: unknown): BridgeSpanContextShape | undefined {
      const spanContext = value instanceof Span ? value.context() : value;
      if (spanContext instanceof SpanContext) return spanContext;
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

    protected override _extract(format: string, carrier: unknown): BridgeSpanContextShape | null {
      if (!this.#checkCarrier(format, carrier)) return null;
      const source = format === ot.FORMAT_BINARY ? decodeBinaryHeaders((carrier as { buffer?: unknown }).buffer) : carrier;
      if (source === undefined) return null;
      const extracted = this.#propagator.extract(ROOT_CONTEXT, source, createGetter());
      const spanContext = trace.getSpanContext(extracted);
      if (spanContext === undefined || !trace.isSpanContextValid(spanContext)) return null;
      return new SpanContext(propagation.deleteBaggage(extracted), propagation.getBaggage(extracted), undefined);
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
        view = new Span(this, otelSpan, trace.deleteSpan(active), typeof name === 'string' ? name : '');
        this.#views.set(otelSpan, view);
      }
      return view;
    }

    activate<T>(span: OpenTracing.Span, fn: () => T): T {
      const own = span instanceof Span ? span.context() : undefined;
      if (!(own instanceof SpanContext)) {
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
  };
}
