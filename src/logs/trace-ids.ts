import { trace } from '@opentelemetry/api';
import { activeContext } from '../context/active-context';
import { isValidSpanContext } from '../context/span-context-validity';

/** The fields that join a log record to its trace, as the OpenTelemetry log instrumentations name them. */
export interface TraceIds {
  /** 32 hex characters. */
  trace_id: string;
  /** 16 hex characters. */
  span_id: string;
  /** `01` when the trace is sampled, `00` otherwise. */
  trace_flags: string;
}

/**
 * The active span's trace and span id and trace flags, for any logger: `console.log('paid',
 * currentTraceIds())`, or `logger.info({ ...currentTraceIds() }, 'paid')`. Undefined outside a
 * span (or with tracing off).
 */
export function currentTraceIds(): TraceIds | undefined {
  const spanContext = trace.getSpan(activeContext())?.spanContext();
  if (spanContext === undefined || !isValidSpanContext(spanContext)) return undefined;
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId, trace_flags: spanContext.traceFlags < 16 ? `0${spanContext.traceFlags.toString(16)}` : spanContext.traceFlags.toString(16) };
}
