import { trace, TraceFlags, type Context, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api';
import { isValidSpanContext, validSpanContext } from '../../context/span-context-validity';
import { isTracingSuppressed } from '../../context/suppress-tracing';
import { B3_DEBUG_FLAG_KEY, toTraceId128, X_B3_FLAGS, X_B3_PARENT_SPAN_ID, X_B3_SAMPLED, X_B3_SPAN_ID, X_B3_TRACE_ID } from './b3-headers';
import { firstValue } from './b3-single-propagator';

const TRACE_ID = /^(?:[0-9a-f]{16}){1,2}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_ID = /^0+$/;
/** `X-B3-Sampled` values; `true`/`false` are what early B3 implementations sent. */
const SAMPLED = new Set(['1', 'true', 'True']);
const NOT_SAMPLED = new Set(['0', 'false', 'False']);

/** B3 multi-header propagation (`X-B3-TraceId`, `X-B3-SpanId`, `X-B3-Sampled`, `X-B3-Flags`). */
export class B3MultiPropagator implements TextMapPropagator {
  /** {@inheritDoc TextMapPropagator.inject} */
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const spanContext = trace.getSpanContext(context);
    if (spanContext === undefined || !isValidSpanContext(spanContext) || isTracingSuppressed(context)) return;
    setter.set(carrier, X_B3_TRACE_ID, spanContext.traceId);
    setter.set(carrier, X_B3_SPAN_ID, spanContext.spanId);
    const debug = context.getValue(B3_DEBUG_FLAG_KEY);
    // The specification: a debug decision implies sampling, so `X-B3-Sampled` is left out then.
    if (debug === '1' || debug === 'd') setter.set(carrier, X_B3_FLAGS, '1');
    else setter.set(carrier, X_B3_SAMPLED, (spanContext.traceFlags & TraceFlags.SAMPLED) !== 0 ? '1' : '0');
  }

  /** {@inheritDoc TextMapPropagator.extract} */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const traceId = firstValue(getter.get(carrier, X_B3_TRACE_ID))?.trim();
    const spanId = firstValue(getter.get(carrier, X_B3_SPAN_ID))?.trim();
    if (traceId === undefined || spanId === undefined || !TRACE_ID.test(traceId) || !SPAN_ID.test(spanId)) return context;
    if (ZERO_ID.test(traceId) || ZERO_ID.test(spanId)) return context;
    const debug = firstValue(getter.get(carrier, X_B3_FLAGS))?.trim() === '1';
    const sampledHeader = firstValue(getter.get(carrier, X_B3_SAMPLED))?.trim();
    let sampled: boolean;
    if (debug || (sampledHeader !== undefined && SAMPLED.has(sampledHeader))) sampled = true;
    else if (sampledHeader === undefined || NOT_SAMPLED.has(sampledHeader)) sampled = false;
    else return context;
    const withDebug = debug ? context.setValue(B3_DEBUG_FLAG_KEY, '1') : context;
    return trace.setSpanContext(
      withDebug,
      validSpanContext({ traceId: toTraceId128(traceId), spanId, traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE, isRemote: true }),
    );
  }

  /** {@inheritDoc TextMapPropagator.fields} */
  fields(): string[] {
    return [X_B3_TRACE_ID, X_B3_SPAN_ID, X_B3_FLAGS, X_B3_SAMPLED, X_B3_PARENT_SPAN_ID];
  }
}
