import type { TextMapPropagator } from '@opentelemetry/api';
import type { PropagatorName } from '../config/options';
import { CompositePropagator } from './composite-propagator';
import { BaggagePropagator } from './w3c/baggage-propagator';
import { TraceContextPropagator } from './w3c/trace-context-propagator';

/**
 * Builds one composite propagator from names. The W3C propagators are the package's own (no
 * `@opentelemetry/core` at start-up); B3 and Jaeger are loaded only when named. Every extraction
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
    case 'b3': {
      const { B3Propagator, B3InjectEncoding } = require('@opentelemetry/propagator-b3') as typeof import('@opentelemetry/propagator-b3');
      return new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER });
    }
    case 'b3multi': {
      const { B3Propagator, B3InjectEncoding } = require('@opentelemetry/propagator-b3') as typeof import('@opentelemetry/propagator-b3');
      return new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER });
    }
    case 'jaeger': {
      const { JaegerPropagator } = require('@opentelemetry/propagator-jaeger') as typeof import('@opentelemetry/propagator-jaeger');
      return new JaegerPropagator();
    }
    case 'none':
      return undefined;
  }
}
