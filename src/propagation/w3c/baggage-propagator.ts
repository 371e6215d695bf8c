import { propagation, type Context, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api';
import { isTracingSuppressed } from '../../context/suppress-tracing';
import { MAX_BAGGAGE_BYTES } from './baggage-limits';
import { BAGGAGE_HEADER, parseBaggageHeaders, serializeBaggage } from './baggage-header';
import { headerValues } from './header-text';

/**
 * W3C Baggage propagator (`baggage` header) with bounded work.
 *
 * Extract reads at most 8192 characters across all `baggage` values and at most 180 members
 * (`MAX_BAGGAGE_BYTES`, `MAX_BAGGAGE_MEMBERS`), then stops (see {@link parseBaggageHeaders}); values
 * are percent-decoded, properties kept as entry metadata, malformed members skipped. The
 * extracted baggage replaces the context's baggage; without valid members the context is returned.
 *
 * Inject writes the context's baggage within the same limits (see {@link serializeBaggage}),
 * and nothing while tracing is suppressed.
 */
export class BaggagePropagator implements TextMapPropagator {
  /** {@inheritDoc TextMapPropagator.inject} */
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const baggage = propagation.getBaggage(context);
    if (baggage === undefined || isTracingSuppressed(context)) return;
    const header = serializeBaggage(baggage.getAllEntries());
    if (header !== '') setter.set(carrier, BAGGAGE_HEADER, header);
  }

  /** {@inheritDoc TextMapPropagator.extract} */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const values = headerValues(getter.get(carrier, BAGGAGE_HEADER), MAX_BAGGAGE_BYTES);
    if (values.length === 0) return context;
    const entries = parseBaggageHeaders(values);
    if (entries.size === 0) return context;
    // Entry by entry, not from a record, so keys such as `0` keep their order in the header.
    let baggage = propagation.createBaggage();
    for (const [key, entry] of entries) baggage = baggage.setEntry(key, entry);
    return propagation.setBaggage(context, baggage);
  }

  /** {@inheritDoc TextMapPropagator.fields} */
  fields(): string[] {
    return [BAGGAGE_HEADER];
  }
}
