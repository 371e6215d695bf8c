import { trace, type Context, type SpanContext, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api';
import { isValidSpanContext, validSpanContext } from '../../context/span-context-validity';
import { isTracingSuppressed } from '../../context/suppress-tracing';
import { headerValues } from './header-text';
import { formatTraceParent, parseTraceParent, TRACE_PARENT_HEADER } from './trace-parent';
import { TRACE_STATE_HEADER, W3CTraceState } from './trace-state';

/** More `tracestate` header values than this are not read (32 members fit in far fewer). */
const MAX_TRACE_STATE_VALUES = 64;
/**
 * A combined `tracestate` longer than this is dropped unread: 32 members of at most 513
 * characters need 16447, so this leaves room for white space and blank members only.
 */
const MAX_TRACE_STATE_CHARS = 32_768;

/**
 * W3C Trace Context propagator (`traceparent` and `tracestate`).
 *
 * Extract: one valid `traceparent` (see {@link parseTraceParent}) becomes a remote span context;
 * several `traceparent` values are ambiguous and ignored, as the spec's test suite expects. Several `tracestate` values are combined in order; an invalid `tracestate` is
 * dropped as a whole while the `traceparent` is kept. Without a valid `traceparent`,
 * `tracestate` is not read.
 *
 * Inject: writes `traceparent` (version 00) and, when it has members, `tracestate`, for a valid
 * span context only, and nothing while tracing is suppressed.
 */
export class TraceContextPropagator implements TextMapPropagator {
  /** {@inheritDoc TextMapPropagator.inject} */
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const spanContext = trace.getSpanContext(context);
    if (spanContext === undefined || !isValidSpanContext(spanContext) || isTracingSuppressed(context)) return;
    setter.set(carrier, TRACE_PARENT_HEADER, formatTraceParent(spanContext));
    const traceState = spanContext.traceState?.serialize();
    if (traceState !== undefined && traceState !== '') setter.set(carrier, TRACE_STATE_HEADER, traceState);
  }

  /** {@inheritDoc TextMapPropagator.extract} */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const parents = headerValues(getter.get(carrier, TRACE_PARENT_HEADER), 2);
    if (parents.length !== 1) return context;
    const parsed = parseTraceParent(parents[0] as string);
    if (parsed === undefined) return context;
    let traceState: SpanContext['traceState'];
    const states = headerValues(getter.get(carrier, TRACE_STATE_HEADER), MAX_TRACE_STATE_VALUES);
    const combinedLength = states.reduce((sum, state) => sum + state.length + 1, -1);
    if (states.length > 0 && combinedLength <= MAX_TRACE_STATE_CHARS) {
      const parsedState = W3CTraceState.parse(states.join(','));
      if (parsedState !== undefined && parsedState.size > 0) traceState = parsedState;
    }
    // parseTraceParent accepts only lower-case hex ids that are not all zeros: valid by construction.
    return trace.setSpanContext(context, validSpanContext({ ...parsed, isRemote: true, traceState }));
  }

  /** {@inheritDoc TextMapPropagator.fields} */
  fields(): string[] {
    return [TRACE_PARENT_HEADER, TRACE_STATE_HEADER];
  }
}
