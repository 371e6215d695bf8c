import { diag, type Context, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api';
import { createBoundedGetter } from './bounded-getter';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Several propagators as one: `fields` is the union of theirs, `inject` runs each, `extract`
 * runs each in order on the previous one's result. Every extraction reads the carrier through
 * {@link createBoundedGetter}, so each propagator, the official B3 and Jaeger ones included,
 * sees only bounded header values. A propagator that throws is skipped (logged at debug level),
 * so one broken header never hides the others.
 */
export class CompositePropagator implements TextMapPropagator {
  readonly #propagators: readonly TextMapPropagator[];
  readonly #fields: string[];

  /** @param propagators - run in this order; a later extraction overrides an earlier one. */
  constructor(propagators: readonly TextMapPropagator[]) {
    this.#propagators = [...propagators];
    this.#fields = [...new Set(this.#propagators.flatMap((propagator) => propagator.fields()))];
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
    const bounded = createBoundedGetter(getter);
    let extracted = context;
    for (const propagator of this.#propagators) {
      try {
        extracted = propagator.extract(extracted, carrier, bounded);
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
