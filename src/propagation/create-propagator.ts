import type { TextMapPropagator } from '@opentelemetry/api';
import type { PropagatorName } from '../config/options';
import { B3Propagator } from './b3/b3-propagator';
import { CompositePropagator } from './composite-propagator';
import { requireOptional } from '../optional-package';
import { BaggagePropagator } from './w3c/baggage-propagator';
import { TraceContextPropagator } from './w3c/trace-context-propagator';

/**
 * Builds one composite propagator from names. The W3C and B3 propagators are the package's own;
 * Jaeger's is loaded only when named. Every extraction
 * reads header values through a bounded getter (see {@link CompositePropagator}).
 */
export function createPropagator(names: readonly PropagatorName[]): TextMapPropagator {
  const propagators: TextMapPropagator[] = [];
  for (const name of names) {
    const propagator = createOne(name);
    if (propagator !== undefined) propagators.push(propagator);
  }
  return new CompositePropagator(propagators);
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
    case 'jaeger': {
      const { JaegerPropagator } = requireOptional<typeof import('@opentelemetry/propagator-jaeger')>('@opentelemetry/propagator-jaeger', 'OTEL_PROPAGATORS=jaeger');
      return new JaegerPropagator();
    }
    case 'none':
      return undefined;
  }
}
