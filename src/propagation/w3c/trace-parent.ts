import { TraceFlags, type SpanContext } from '@opentelemetry/api';
import { isAllZeros, isLowerHex, trimOptionalWhiteSpace } from './header-text';

/** The `traceparent` header name (W3C Trace Context). */
export const TRACE_PARENT_HEADER = 'traceparent';

/** What a `traceparent` header names: the remote parent's ids and its trace flags. */
export interface ParsedTraceParent {
  traceId: string;
  spanId: string;
  /** The flags byte, an integer 0..255. */
  traceFlags: number;
}

// Offsets inside `vv-<32 hex trace id>-<16 hex parent id>-ff`.
const TRACE_ID_START = 3;
const SPAN_ID_START = 36;
const FLAGS_START = 53;
/** Length of a version 00 header, and the prefix every later version shares. */
const VERSION_00_LENGTH = 55;
const DASH = 0x2d;

/**
 * Parses a `traceparent` header value. Version `00` must match its format exactly; a later
 * version is read by the spec's forward-compatibility rule (the version 00 fields, then either
 * the end or a `-` and anything). Version `ff`, all-zero ids, upper-case or non-hex digits and
 * wrong lengths give `undefined`. Leading and trailing spaces and tabs are ignored.
 */
export function parseTraceParent(header: string): ParsedTraceParent | undefined {
  if (header.length < VERSION_00_LENGTH) return undefined;
  const value = trimOptionalWhiteSpace(header);
  if (value.length < VERSION_00_LENGTH) return undefined;
  if (!isLowerHex(value, 0, 2) || value.startsWith('ff')) return undefined;
  if (value.charCodeAt(2) !== DASH || value.charCodeAt(SPAN_ID_START - 1) !== DASH || value.charCodeAt(FLAGS_START - 1) !== DASH) return undefined;
  if (!isLowerHex(value, TRACE_ID_START, SPAN_ID_START - 1) || isAllZeros(value, TRACE_ID_START, SPAN_ID_START - 1)) return undefined;
  if (!isLowerHex(value, SPAN_ID_START, FLAGS_START - 1) || isAllZeros(value, SPAN_ID_START, FLAGS_START - 1)) return undefined;
  if (!isLowerHex(value, FLAGS_START, VERSION_00_LENGTH)) return undefined;
  const exact = value.length === VERSION_00_LENGTH;
  if (value.startsWith('00') ? !exact : !exact && value.charCodeAt(VERSION_00_LENGTH) !== DASH) return undefined;
  return {
    traceId: value.slice(TRACE_ID_START, SPAN_ID_START - 1),
    spanId: value.slice(SPAN_ID_START, FLAGS_START - 1),
    traceFlags: Number.parseInt(value.slice(FLAGS_START, VERSION_00_LENGTH), 16),
  };
}

/**
 * The version 00 `traceparent` value for a valid span context: ids in lower case (the API also
 * accepts upper-case ones), flags as two hex digits.
 */
export function formatTraceParent(spanContext: Pick<SpanContext, 'traceId' | 'spanId' | 'traceFlags'>): string {
  const flags = (spanContext.traceFlags ?? TraceFlags.NONE) & 0xff;
  return `00-${spanContext.traceId.toLowerCase()}-${spanContext.spanId.toLowerCase()}-${flags.toString(16).padStart(2, '0')}`;
}
