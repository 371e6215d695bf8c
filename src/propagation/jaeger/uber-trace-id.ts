import { TraceFlags } from '@opentelemetry/api';
import { JAEGER_DEBUG_FLAG, JAEGER_SAMPLED_FLAG } from './jaeger-headers';

/** A longer `uber-trace-id` is not read: the longest valid one, fully percent-encoded, is far shorter. */
export const MAX_UBER_TRACE_ID_CHARS = 256;

/** What an `uber-trace-id` value holds, ids padded to OpenTelemetry's lengths. */
export interface UberTraceId {
  traceId: string;
  spanId: string;
  sampled: boolean;
  debug: boolean;
}

const HEX_UP_TO = (digits: number): RegExp => new RegExp(`^[0-9a-f]{1,${digits}}$`, 'i');
const TRACE_ID = HEX_UP_TO(32);
const SPAN_ID = HEX_UP_TO(16);
const FLAGS = HEX_UP_TO(2);
const ZERO = /^0+$/;

/**
 * Parses `{trace id}:{span id}:{parent span id}:{flags}` as jaeger-client writes it: ids are
 * hexadecimal of up to 32 (trace) and 16 (span, parent) digits without leading zeros, the parent
 * is `0` when absent, flags are one or two hex digits. A value percent-encoded as a whole (as
 * some clients and proxies send it) is decoded first. Returns `undefined` for anything else,
 * including zero ids.
 */
export function parseUberTraceId(raw: string): UberTraceId | undefined {
  if (raw.length > MAX_UBER_TRACE_ID_CHARS) return undefined;
  let text = raw.trim();
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return undefined;
    }
  }
  const parts = text.split(':');
  if (parts.length !== 4) return undefined;
  const [traceId, spanId, parentId, flags] = parts as [string, string, string, string];
  if (!TRACE_ID.test(traceId) || !SPAN_ID.test(spanId) || !SPAN_ID.test(parentId) || !FLAGS.test(flags)) return undefined;
  if (ZERO.test(traceId) || ZERO.test(spanId)) return undefined;
  const bits = Number.parseInt(flags, 16);
  const debug = (bits & JAEGER_DEBUG_FLAG) !== 0;
  return {
    traceId: traceId.toLowerCase().padStart(32, '0'),
    spanId: spanId.toLowerCase().padStart(16, '0'),
    // A debug trace is sampled whatever the sampled bit says: jaeger-client sets both.
    sampled: debug || (bits & JAEGER_SAMPLED_FLAG) !== 0,
    debug,
  };
}

/**
 * Formats an `uber-trace-id` with full-length ids, parent `0` (the field is deprecated) and
 * two-digit flags, as the OpenTelemetry Jaeger propagator writes it.
 */
export function formatUberTraceId(traceId: string, spanId: string, traceFlags: number, debug: boolean): string {
  const sampled = (traceFlags & TraceFlags.SAMPLED) !== 0 ? JAEGER_SAMPLED_FLAG : 0;
  const bits = debug ? JAEGER_SAMPLED_FLAG | JAEGER_DEBUG_FLAG : sampled;
  return `${traceId}:${spanId}:0:0${bits.toString(16)}`;
}
