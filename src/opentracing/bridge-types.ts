import type { Baggage, Context, HrTime, Span as OtelSpan, SpanContext as OtelSpanContext, TextMapPropagator, Tracer as OtelTracer } from '@opentelemetry/api';
import type * as OpenTracing from 'opentracing';
import type { WarnOnce } from './warn-once';

/** The loaded `opentracing` module, whose classes the bridge's classes extend. */
export type OpenTracingModule = typeof OpenTracing;

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

/** What the bridge's spans ask of their tracer. */
export interface BridgeTracerInternals extends OpenTracing.Tracer {
  readonly warnings: WarnOnce;
  /** An OpenTracing time as an OpenTelemetry one; warns (once) and gives `undefined` (now) for a bad one. */
  time(value: unknown, what: string): HrTime | undefined;
}

/** A span of the bridge: an OpenTracing span over an OpenTelemetry one. */
export interface BridgeSpanShape extends OpenTracing.Span {
  readonly otelSpan: OtelSpan;
  readonly finished: boolean;
  readonly name: string;
}

/**
 * A span context of the bridge: `base` holds the span (or the remote span context read from a
 * carrier, with whatever else the propagators kept), `baggage` the OpenTracing baggage, which is
 * OpenTelemetry baggage.
 */
export interface BridgeSpanContextShape extends OpenTracing.SpanContext {
  readonly base: Context;
  baggage: Baggage | undefined;
  /** The span this is the context of; `undefined` for a context read from a carrier. */
  readonly span: BridgeSpanShape | undefined;
  readonly otelSpanContext: OtelSpanContext;
  /** The context to start children in, to activate, or to inject: the span and its baggage. */
  toContext(): Context;
}

export type SpanContextClass = new (base: Context, baggage: Baggage | undefined, span: BridgeSpanShape | undefined) => BridgeSpanContextShape;
export type SpanClass = new (tracer: BridgeTracerInternals, otelSpan: OtelSpan, parent: Context, name: string) => BridgeSpanShape;
