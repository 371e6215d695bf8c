import type { TextMapPropagator } from '@opentelemetry/api';
import type { PropagatorName } from '../config/options';
import { B3Propagator } from './b3/b3-propagator';
import { CompositePropagator } from './composite-propagator';
import { JaegerPropagator } from './jaeger/jaeger-propagator';
import { BaggagePropagator } from './w3c/baggage-propagator';
import { TraceContextPropagator } from './w3c/trace-context-propagator';

/**
 * Builds one composite propagator from names. Every propagator (W3C, B3, Jaeger) is the
 * package's own. Every extraction
 * reads header values through a bounded getter (see {@link CompositePropagator}).
 */
export function createPropagator(names: readonly PropagatorName[]): TextMapPropagator {
  const propagators: TextMapPropagator[] = [];
  for (const name of names) {
    const propagator = createOne(name);
    if (propagator !== undefined) propagators.push(propagator);
  }
  // Jaeger baggage travels in headers named by prefix (`uberctx-*`), which `fields()` cannot list.
  return new CompositePropagator(propagators, !names.includes('jaeger'));
}

function createOne(name: PropagatorName): TextMapPropagator | undefined {
  switch (name) {
    case 'tracecontext':
      return new TraceContextPropagator();
    case 'baggage':
      return new BaggagePropagator();
    case 'b3':
      return new B3Propagator('single');
    case 'b3multi':
      return new B3Propagator('multi');
    case 'jaeger':
      return new JaegerPropagator();
    case 'none':
      return undefined;
  }
}

/**
 * The request headers the named propagators read: their fields, and the name prefixes of the
 * headers they find by scanning (Jaeger's `uberctx-*` baggage).
 */
export function propagationHeaders(names: readonly PropagatorName[]): { names: string[]; prefixes: string[] } {
  const fields = new Set<string>();
  for (const name of names) for (const field of createOne(name)?.fields() ?? []) fields.add(field.toLowerCase());
  return { names: [...fields], prefixes: names.includes('jaeger') ? ['uberctx-'] : [] };
}
