import { TraceFlags, type Span, type SpanContext } from '@opentelemetry/api';

const SAMPLED: number = TraceFlags.SAMPLED;

/** The span's context when it is sampled (so its trace is exported and an exemplar can link to it). */
export function sampledContextOf(span: Span | undefined): SpanContext | undefined {
  if (span === undefined) return undefined;
  const spanContext = span.spanContext();
  return (spanContext.traceFlags & SAMPLED) !== 0 ? spanContext : undefined;
}
