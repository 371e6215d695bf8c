import { createContextKey } from '@opentelemetry/api';

/** Jaeger's trace context header: `{trace id}:{span id}:{parent span id}:{flags}`. */
export const UBER_TRACE_ID_HEADER = 'uber-trace-id';

/** Prefix of Jaeger's baggage headers: `uberctx-{key}: {url-encoded value}`. */
export const UBER_BAGGAGE_PREFIX = 'uberctx-';

/** Flag bits of `uber-trace-id`. */
export const JAEGER_SAMPLED_FLAG = 0x01;
export const JAEGER_DEBUG_FLAG = 0x02;

/**
 * Where an extracted Jaeger debug flag is kept, so that injection passes it on to the next
 * Jaeger service (which then samples the trace as a debug trace, as jaeger-client does).
 */
export const JAEGER_DEBUG_FLAG_KEY = createContextKey('otel-bootstrap jaeger debug flag');
