import { context as contextApi, diag, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { createGetter, createSetter, isCarrier, type PropagationCarrier } from './carriers';

/** Options of {@link inject}. */
export interface InjectOptions {
  /**
   * Write values as `Buffer`s, for binary message headers (Kafka, RabbitMQ, NATS and the like).
   * Fetch `Headers` always receive text. Default `false`.
   */
  binary?: boolean;
}

/**
 * Writes the trace context and baggage of `context` (default: the active one) into `carrier`
 * with the global propagator (`OTEL_PROPAGATORS`: W3C `traceparent`/`baggage`, Jaeger
 * `uber-trace-id`/`uberctx-*`, B3). The carrier may be a Node HTTP header object, a fetch
 * `Headers`, a string map or binary message headers; the right setter is picked for it.
 * Never throws; returns the same carrier.
 *
 * @example
 * ```ts
 * const headers = inject({});                          // { traceparent: '00-…', … }
 * await producer.send({ topic, messages: [{ value, headers: inject({}, undefined, { binary: true }) }] });
 * ```
 */
export function inject<C extends PropagationCarrier>(carrier: C, context: Context = contextApi.active(), options: InjectOptions = {}): C {
  if (!isCarrier(carrier)) return carrier;
  try {
    propagation.inject(context, carrier, createSetter(options.binary === true));
  } catch (error) {
    diag.debug(`otel-bootstrap: propagation inject failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return carrier;
}

/**
 * Reads a trace context and baggage from `carrier` into a context derived from `context`
 * (default: the root context, so the carrier alone decides the parent). Reads any supported
 * carrier case-insensitively, decodes binary values as UTF-8, cuts baggage at 8192 bytes and
 * ignores oversized values.
 *
 * Never throws: from malformed, missing or oversized headers it returns a context with no
 * valid remote span context (the given context's own span, if any, is kept), so the next span
 * starts a new trace.
 *
 * @example
 * ```ts
 * const parent = extract(message.headers);
 * await context.with(parent, () => handle(message));
 * ```
 */
export function extract(carrier: unknown, context: Context = ROOT_CONTEXT): Context {
  if (!isCarrier(carrier)) return context;
  const baseSpan = trace.getSpan(context);
  let extracted: Context;
  try {
    extracted = propagation.extract(context, carrier, createGetter());
  } catch (error) {
    diag.debug(`otel-bootstrap: propagation extract failed: ${error instanceof Error ? error.message : String(error)}`);
    return context;
  }
  const span = trace.getSpan(extracted);
  if (span !== undefined && span !== baseSpan && !trace.isSpanContextValid(span.spanContext())) {
    return baseSpan === undefined ? trace.deleteSpan(extracted) : trace.setSpan(extracted, baseSpan);
  }
  return extracted;
}
