import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { B3_SINGLE_HEADER } from './b3-headers';
import { B3MultiPropagator } from './b3-multi-propagator';
import { B3SinglePropagator, firstValue } from './b3-single-propagator';

/**
 * B3 propagation as `OTEL_PROPAGATORS=b3` (single header) and `b3multi` (multiple headers) mean
 * it: extraction reads the single header when present, else the multiple headers, whichever
 * encoding injection uses.
 */
export class B3Propagator implements TextMapPropagator {
  readonly #single = new B3SinglePropagator();
  readonly #multi = new B3MultiPropagator();
  readonly #injector: TextMapPropagator;

  constructor(encoding: 'single' | 'multi') {
    this.#injector = encoding === 'single' ? this.#single : this.#multi;
  }

  /** {@inheritDoc TextMapPropagator.inject} */
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    this.#injector.inject(context, carrier, setter);
  }

  /** {@inheritDoc TextMapPropagator.extract} */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const single = firstValue(getter.get(carrier, B3_SINGLE_HEADER));
    return single !== undefined && single !== '' ? this.#single.extract(context, carrier, getter) : this.#multi.extract(context, carrier, getter);
  }

  /** {@inheritDoc TextMapPropagator.fields} */
  fields(): string[] {
    return this.#injector.fields();
  }
}
