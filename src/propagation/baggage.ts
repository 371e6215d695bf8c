import { baggageEntryMetadataFromString, context as contextApi, propagation, type BaggageEntry, type Context } from '@opentelemetry/api';

/** Baggage to set: a value, or a value with W3C metadata (properties after `;`). */
export type BaggageInput = Record<string, string | { value: string; metadata?: string }>;

/**
 * Returns `context` (default: the active one) with these baggage entries added; existing
 * entries with other keys are kept, entries with the same key are replaced. Baggage travels to
 * downstream services with the trace context (W3C `baggage`, Jaeger `uberctx-*`).
 *
 * @example
 * ```ts
 * const ctx = setBaggage({ 'tenant.id': 'acme' });
 * await context.with(ctx, () => fetch(url));
 * ```
 */
export function setBaggage(entries: BaggageInput, context: Context = contextApi.active()): Context {
  let baggage = propagation.getBaggage(context) ?? propagation.createBaggage();
  for (const [key, input] of Object.entries(entries)) {
    const entry: BaggageEntry =
      typeof input === 'string'
        ? { value: input }
        : input.metadata === undefined
          ? { value: input.value }
          : { value: input.value, metadata: baggageEntryMetadataFromString(input.metadata) };
    baggage = baggage.setEntry(key, entry);
  }
  return propagation.setBaggage(context, baggage);
}

/** The baggage value under `key` in `context` (default: the active one), if any. */
export function getBaggage(key: string, context: Context = contextApi.active()): string | undefined {
  return propagation.getBaggage(context)?.getEntry(key)?.value;
}

/**
 * Runs `fn` with these baggage entries added to the active context and returns its result
 * (a promise stays a promise); everything it calls, including outgoing requests, carries them.
 *
 * @example
 * ```ts
 * await withBaggage({ 'user.id': user.id }, () => ordersClient.create(order));
 * ```
 */
export function withBaggage<T>(entries: BaggageInput, fn: () => T): T {
  return contextApi.with(setBaggage(entries), fn);
}
