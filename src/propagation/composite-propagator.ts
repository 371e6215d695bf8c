import { diag, isSpanContextValid, trace, type Context, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api';
import { createBoundedGetter } from './bounded-getter';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `next`, unless a propagator put an invalid span context into it (the official Jaeger one
 * does for ids it does not check): then `next` with the span of `previous` (or none), so a
 * malformed header never hides a valid parent read by an earlier propagator. Upper-case hex ids
 * (which the API accepts and the official B3 and Jaeger propagators pass on) are lower-cased, so
 * every header injected downstream is well-formed.
 */
function keepValidSpan(previous: Context, next: Context): Context {
  const spanContext = trace.getSpanContext(next);
  if (spanContext === undefined || spanContext === trace.getSpanContext(previous)) return next;
  if (!isSpanContextValid(spanContext)) {
    const previousSpan = trace.getSpan(previous);
    return previousSpan === undefined ? trace.deleteSpan(next) : trace.setSpan(next, previousSpan);
  }
  const traceId = spanContext.traceId.toLowerCase();
  const spanId = spanContext.spanId.toLowerCase();
  if (traceId === spanContext.traceId && spanId === spanContext.spanId) return next;
  return trace.setSpanContext(next, { ...spanContext, traceId, spanId });
}

/**
 * Several propagators as one: `fields` is the union of theirs, `inject` runs each, `extract`
 * runs each in order on the previous one's result. Every extraction reads the carrier through
 * {@link createBoundedGetter}, so each propagator, the official B3 and Jaeger ones included,
 * sees only bounded header values. A propagator that throws is skipped (logged at debug level)
 * and an invalid span context one extracts is not kept, so one broken header never hides the others.
 */
export class CompositePropagator implements TextMapPropagator {
  readonly #propagators: readonly TextMapPropagator[];
  readonly #fields: string[];
  readonly #readsOnlyFields: boolean;

  /**
   * @param propagators - run in this order; a later extraction overrides an earlier one.
   * @param readsOnlyFields - whether every propagator's extraction reads only the headers its
   *   `fields()` names (true for the W3C and B3 ones, not for Jaeger's `uberctx-*` baggage): then a
   *   carrier holding none of them is returned at once, as most requests to an edge service are.
   */
  constructor(propagators: readonly TextMapPropagator[], readsOnlyFields = false) {
    this.#propagators = [...propagators];
    this.#fields = [...new Set(this.#propagators.flatMap((propagator) => propagator.fields()))];
    this.#readsOnlyFields = readsOnlyFields;
  }

  /** {@inheritDoc TextMapPropagator.inject} */
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    for (const propagator of this.#propagators) {
      try {
        propagator.inject(context, carrier, setter);
      } catch (error) {
        diag.debug(`otel-bootstrap: ${propagator.constructor.name} inject failed: ${describe(error)}`);
      }
    }
  }

  /** {@inheritDoc TextMapPropagator.extract} */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    if (this.#readsOnlyFields && !carriesAnyField(carrier, getter, this.#fields)) return context;
    const bounded = createBoundedGetter(getter);
    let extracted = context;
    for (const propagator of this.#propagators) {
      try {
        extracted = keepValidSpan(extracted, propagator.extract(extracted, carrier, bounded));
      } catch (error) {
        diag.debug(`otel-bootstrap: ${propagator.constructor.name} extract failed: ${describe(error)}`);
      }
    }
    return extracted;
  }

  /** {@inheritDoc TextMapPropagator.fields} */
  fields(): string[] {
    return [...this.#fields];
  }
}

/** Whether the carrier holds any of the headers in `fields`. */
function carriesAnyField(carrier: unknown, getter: TextMapGetter, fields: readonly string[]): boolean {
  for (let index = 0; index < fields.length; index++) {
    if (getter.get(carrier, fields[index] as string) !== undefined) return true;
  }
  return false;
}
