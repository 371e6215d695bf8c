import { trace, TraceFlags, type Context, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api';
import { isValidSpanContext, validSpanContext } from '../../context/span-context-validity';
import { isTracingSuppressed } from '../../context/suppress-tracing';
import { B3_DEBUG_FLAG_KEY, B3_SINGLE_HEADER, toTraceId128 } from './b3-headers';

/**
 * The whole value, lower-case hex as the B3 specification writes it: a 64- or 128-bit trace id,
 * the span id, then an optional sampling state (`0`, `1`, `d`) and an optional parent span id.
 */
const SINGLE_HEADER = /^((?:[0-9a-f]{16}){1,2})-([0-9a-f]{16})(?:-([01d]))?(?:-[0-9a-f]{16})?$/;
const ZERO_ID = /^0+$/;

/** Reads the first value of a header that may have arrived several times. */
export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** B3 single-header propagation (`b3`). */
export class B3SinglePropagator implements TextMapPropagator {
  /** {@inheritDoc TextMapPropagator.inject} */
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const spanContext = trace.getSpanContext(context);
    if (spanContext === undefined || !isValidSpanContext(spanContext) || isTracingSuppressed(context)) return;
    const debug = context.getValue(B3_DEBUG_FLAG_KEY);
    const samplingState = debug === 'd' || debug === '1' ? 'd' : String(spanContext.traceFlags & TraceFlags.SAMPLED);
    setter.set(carrier, B3_SINGLE_HEADER, `${spanContext.traceId}-${spanContext.spanId}-${samplingState}`);
  }

  /** {@inheritDoc TextMapPropagator.extract} */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const value = firstValue(getter.get(carrier, B3_SINGLE_HEADER));
    if (typeof value !== 'string') return context;
    const match = SINGLE_HEADER.exec(value.trim());
    if (match === null) return context;
    const [, traceId64or128, spanId, samplingState] = match as unknown as [string, string, string, string | undefined];
    if (ZERO_ID.test(traceId64or128) || ZERO_ID.test(spanId)) return context;
    const sampled = samplingState === '1' || samplingState === 'd';
    const withDebug = samplingState === 'd' ? context.setValue(B3_DEBUG_FLAG_KEY, 'd') : context;
    return trace.setSpanContext(
      withDebug,
      validSpanContext({ traceId: toTraceId128(traceId64or128), spanId, traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE, isRemote: true }),
    );
  }

  /** {@inheritDoc TextMapPropagator.fields} */
  fields(): string[] {
    return [B3_SINGLE_HEADER];
  }
}
