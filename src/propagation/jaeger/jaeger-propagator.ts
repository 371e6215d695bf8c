import { propagation, trace, TraceFlags, type Context, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api';
import { isValidSpanContext, validSpanContext } from '../../context/span-context-validity';
import { isTracingSuppressed } from '../../context/suppress-tracing';
import { readJaegerBaggage, writeJaegerBaggage } from './jaeger-baggage';
import { JAEGER_DEBUG_FLAG_KEY, UBER_TRACE_ID_HEADER } from './jaeger-headers';
import { formatUberTraceId, parseUberTraceId } from './uber-trace-id';

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Jaeger propagation (`uber-trace-id` and `uberctx-*` baggage), as `OTEL_PROPAGATORS=jaeger` means
 * it, readable and writable by jaeger-client services.
 *
 * Extract: a valid `uber-trace-id` (see {@link parseUberTraceId}) becomes a remote span context; a
 * debug flag marks the trace sampled and is passed on by inject. `uberctx-*` entries are added to
 * the context's baggage within the W3C baggage limits. A malformed header is ignored.
 *
 * Inject: writes `uber-trace-id` for a valid span context and the baggage as `uberctx-*`, and
 * nothing while tracing is suppressed.
 */
export class JaegerPropagator implements TextMapPropagator {
  /** {@inheritDoc TextMapPropagator.inject} */
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    if (isTracingSuppressed(context)) return;
    const spanContext = trace.getSpanContext(context);
    if (spanContext !== undefined && isValidSpanContext(spanContext)) {
      const debug = context.getValue(JAEGER_DEBUG_FLAG_KEY) === true;
      setter.set(carrier, UBER_TRACE_ID_HEADER, formatUberTraceId(spanContext.traceId, spanContext.spanId, spanContext.traceFlags, debug));
    }
    const baggage = propagation.getBaggage(context);
    if (baggage !== undefined) writeJaegerBaggage(baggage, carrier, setter);
  }

  /** {@inheritDoc TextMapPropagator.extract} */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    let extracted = context;
    const header = firstValue(getter.get(carrier, UBER_TRACE_ID_HEADER));
    const parsed = typeof header === 'string' ? parseUberTraceId(header) : undefined;
    if (parsed !== undefined) {
      if (parsed.debug) extracted = extracted.setValue(JAEGER_DEBUG_FLAG_KEY, true);
      extracted = trace.setSpanContext(
        extracted,
        validSpanContext({ traceId: parsed.traceId, spanId: parsed.spanId, traceFlags: parsed.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE, isRemote: true }),
      );
    }
    const baggage = readJaegerBaggage(carrier, getter, propagation.getBaggage(context));
    return baggage === undefined ? extracted : propagation.setBaggage(extracted, baggage);
  }

  /** {@inheritDoc TextMapPropagator.fields} */
  fields(): string[] {
    return [UBER_TRACE_ID_HEADER];
  }
}
