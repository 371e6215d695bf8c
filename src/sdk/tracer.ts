import {
  INVALID_SPAN_CONTEXT,
  SpanKind,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanContext,
  type SpanOptions,
  type Tracer,
  type TraceState,
} from '@opentelemetry/api';
import type { Sampler, SamplingDecision } from './sdk-types';
import { activeContext, runInContext } from '../context/active-context';
import { isValidSpanContext, newValidSpanContext } from '../context/span-context-validity';
import { contextWithSpan } from '../context/span-in-context';
import { isTracingSuppressed } from '../context/suppress-tracing';
import { validAttributes } from './attribute-copy';
import { randomSpanId, randomTraceId } from './ids';
import { LeanSampler } from './samplers/lean-sampler';
import { Decision } from './samplers/sampling-decision';
import { RecordingSpan, type SpanShared } from './span';

/** What the tracers of one provider share with it: the provider flips `shutDown`. */
export interface TracerState extends Omit<SpanShared, 'scope'> {
  readonly sampler: Sampler;
  shutDown: boolean;
  /** Counts the spans the sampler drops, for the self-metrics; absent when metrics are off. */
  readonly droppedSpans?: { dropped(parent: SpanContext | undefined): void };
}

/** The span of a suppressed context or a stopped provider: invalid, so nothing propagates it. */
const OFF_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

// The API's exports are getters; the per-span path reads them once, here.
const { deleteSpan, getSpanContext, wrapSpanContext } = trace;
const INTERNAL = SpanKind.INTERNAL;
const SAMPLED = TraceFlags.SAMPLED;
const NOT_SAMPLED = TraceFlags.NONE;

/**
 * Starts spans for one instrumentation scope. Spans the sampler does not record are light
 * non-recording spans that only carry their context; with this package's own samplers, building
 * one allocates nothing beyond its ids and context.
 */
export class LeanTracer implements Tracer {
  readonly #state: TracerState;
  readonly #shared: SpanShared;
  readonly #leanSampler: LeanSampler | undefined;

  constructor(state: TracerState, scope: SpanShared['scope']) {
    this.#state = state;
    this.#shared = { resource: state.resource, scope, limits: state.limits, processors: state.processors };
    this.#leanSampler = state.sampler instanceof LeanSampler ? state.sampler : undefined;
  }

  /**
   * Starts a span, a child of the span in `context` unless `options.root` is set. Returns a
   * non-recording span when tracing is suppressed in `context`, the provider is shut down or the
   * sampler drops the span.
   */
  startSpan(name: string, options?: SpanOptions, context: Context = activeContext()): Span {
    if (options?.root === true) context = deleteSpan(context);
    if (this.#state.shutDown || isTracingSuppressed(context)) return OFF_SPAN;
    const found = getSpanContext(context);
    const parent = found !== undefined && isValidSpanContext(found) ? found : undefined;
    const traceId = parent === undefined ? randomTraceId() : parent.traceId;
    const spanId = randomSpanId();
    const kind = options?.kind ?? INTERNAL;
    let traceState: TraceState | undefined = parent?.traceState;
    let decision: SamplingDecision;
    let initialAttributes: Attributes | undefined = options?.attributes;
    const leanSampler = this.#leanSampler;
    if (leanSampler !== undefined) {
      decision = leanSampler.decide(parent, traceId, name, kind, initialAttributes);
      if (decision !== Decision.NOT_RECORD) {
        const note = leanSampler.note(parent, traceId, name, kind, initialAttributes);
        if (note !== undefined) {
          if (note.traceState !== undefined) traceState = note.traceState;
          if (note.attributes !== undefined) initialAttributes = initialAttributes === undefined ? note.attributes : { ...initialAttributes, ...note.attributes };
        }
      }
    } else {
      const attributes = validAttributes(options?.attributes);
      const links: Link[] = (options?.links ?? []).map((link) => ({ context: link.context, attributes: validAttributes(link.attributes) }));
      const result = this.#state.sampler.shouldSample(context, traceId, name, kind, attributes, links);
      decision = result.decision;
      traceState = result.traceState ?? traceState;
      initialAttributes = result.attributes === undefined ? attributes : Object.assign(attributes, result.attributes);
    }
    const spanContext = newValidSpanContext(traceId, spanId, decision === Decision.RECORD_AND_SAMPLED ? SAMPLED : NOT_SAMPLED, traceState);
    if (decision === Decision.NOT_RECORD) {
      this.#state.droppedSpans?.dropped(parent);
      return wrapSpanContext(spanContext);
    }
    const span = new RecordingSpan(this.#shared, name, kind, spanContext, parent, options?.startTime);
    if (options?.links !== undefined) span.addLinks(options.links);
    if (initialAttributes !== undefined) span.setAttributes(initialAttributes);
    span.notifyStart(context);
    return span;
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, context: Context, fn: F): ReturnType<F>;
  /** Starts a span, makes it active in a new context and runs `fn` with it in that context. */
  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]): ReturnType<F> {
    const fn = rest[rest.length - 1] as (span: Span) => ReturnType<F>;
    const options = rest.length >= 2 ? (rest[0] as SpanOptions | undefined) : undefined;
    const parentContext = (rest.length === 3 ? (rest[1] as Context | undefined) : undefined) ?? activeContext();
    const span = this.startSpan(name, options, parentContext);
    return runInContext(contextWithSpan(parentContext, span), () => fn(span));
  }
}
