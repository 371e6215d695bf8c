import { TraceFlags } from '@opentelemetry/api';
import type { ReadableSpan } from '../sdk/sdk-types';

/** Whether the span carries the sampled trace flag; only sampled spans are exported. */
export function isSampled(span: ReadableSpan): boolean {
  return (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;
}
