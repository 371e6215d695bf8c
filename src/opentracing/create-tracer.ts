import { trace, type Tracer } from '@opentelemetry/api';
import type * as OpenTracing from 'opentracing';
import { LOG_PREFIX } from '../config/warnings';
import { requireOptional } from '../optional-package';
import { createPropagator } from '../propagation/create-propagator';
import { bridgeClasses, type BridgeTracer } from './bridge-classes';

/** Instrumentation scope of the spans the bridge starts. */
export const OPENTRACING_TRACER_NAME = 'otel-bootstrap.opentracing';

/** Formats the bridge injects and extracts. */
export type BridgePropagatorName = 'tracecontext' | 'baggage' | 'jaeger' | 'b3' | 'b3multi';

/**
 * W3C `traceparent`/`tracestate`/`baggage` and Jaeger's `uber-trace-id`/`uberctx-*`: services on
 * OpenTelemetry and services still on jaeger-client both continue the trace.
 */
export const DEFAULT_BRIDGE_PROPAGATORS: readonly BridgePropagatorName[] = ['tracecontext', 'baggage', 'jaeger'];

const PROPAGATOR_NAMES: readonly BridgePropagatorName[] = ['tracecontext', 'baggage', 'jaeger', 'b3', 'b3multi'];

/** Options of {@link createOpenTracingTracer}. */
export interface OpenTracingBridgeOptions {
  /**
   * The OpenTelemetry tracer spans are started with. Default: the global provider's tracer
   * named {@link OPENTRACING_TRACER_NAME}, which is this package's once `init()` ran (before it,
   * spans are not recorded).
   */
  tracer?: Tracer;
  /** What `inject` writes and `extract` reads, in every format. Default {@link DEFAULT_BRIDGE_PROPAGATORS}. */
  propagators?: readonly BridgePropagatorName[];
}

function rejectOption(option: string, accepted: string): never {
  throw new TypeError(`${LOG_PREFIX} createOpenTracingTracer() option "${option}" must be ${accepted}.`);
}

function validate(options: unknown): asserts options is OpenTracingBridgeOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) rejectOption('options', 'an object');
  const { tracer, propagators } = options as Record<string, unknown>;
  if (tracer !== undefined && (typeof tracer !== 'object' || tracer === null || typeof (tracer as Tracer).startSpan !== 'function')) {
    rejectOption('tracer', 'an OpenTelemetry Tracer');
  }
  if (propagators !== undefined && (!Array.isArray(propagators) || propagators.length === 0 || !propagators.every((name) => PROPAGATOR_NAMES.includes(name as BridgePropagatorName)))) {
    rejectOption('propagators', `a non-empty array of ${PROPAGATOR_NAMES.join(', ')}`);
  }
}

/**
 * An OpenTracing `Tracer` (the `opentracing` package's API) whose spans are OpenTelemetry spans
 * of this package's provider, so code on either API shares traces with the other:
 *
 * - `startSpan(name, { childOf, references, tags, startTime })`: `childOf` (a span or span
 *   context) is the parent, other references become links with `opentracing.ref_type`; without
 *   `childOf` the active span is the parent. Tags become attributes (`span.kind` the kind,
 *   `error: true` the ERROR status, `sampling.priority` an attribute the sampler sees).
 * - `log()` / `logEvent()` become events at their timestamps (an `error` log an `exception`
 *   event), `finish(time)` ends the span at that time, baggage items are OpenTelemetry baggage.
 * - `inject` / `extract` work with `FORMAT_HTTP_HEADERS`, `FORMAT_TEXT_MAP` and `FORMAT_BINARY`.
 * - `activate(span, fn)`, `startActiveSpan(name, fn)` and `activeSpan()` make OpenTracing spans
 *   parents of OpenTelemetry spans and the other way round.
 *
 * No call on it throws into the application: a wrong argument is warned about once and the
 * call does what the OpenTracing API documents (`extract` returns `null`).
 *
 * @throws MissingOptionalPackageError when the `opentracing` package is not installed
 * @throws TypeError for an option of the wrong form
 *
 * @example
 * ```ts
 * import { initGlobalTracer } from 'opentracing';
 * import { init } from 'otel-bootstrap';
 * import { createOpenTracingTracer } from 'otel-bootstrap/opentracing';
 *
 * init({ serviceName: 'billing' });
 * initGlobalTracer(createOpenTracingTracer());
 * ```
 */
export function createOpenTracingTracer(options: OpenTracingBridgeOptions = {}): BridgeTracer {
  validate(options);
  const ot = requireOptional<typeof OpenTracing>('opentracing', 'otel-bootstrap/opentracing (createOpenTracingTracer)');
  return bridgeClasses(ot).createTracer({
    tracer: options.tracer ?? trace.getTracer(OPENTRACING_TRACER_NAME),
    propagator: createPropagator([...(options.propagators ?? DEFAULT_BRIDGE_PROPAGATORS)]),
  });
}
