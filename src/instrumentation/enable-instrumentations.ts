import { metrics, type TracerProvider } from '@opentelemetry/api';
import type { Instrumentation } from '../sdk/sdk-types';
import { isLeanInstrumentation } from './lean/is-lean';

/**
 * Gives every instrumentation the tracer provider and enables it; returns what disables them all.
 * Official and third-party instrumentations also get the global meter provider, as
 * `registerInstrumentations` of `@opentelemetry/instrumentation` gives them, and are enabled only
 * when their constructor has not enabled them already.
 */
export function enableInstrumentations(instrumentations: readonly Instrumentation[], tracerProvider: TracerProvider): () => void {
  const lean = instrumentations.filter(isLeanInstrumentation);
  const others = instrumentations.filter((instrumentation) => !isLeanInstrumentation(instrumentation));
  for (const instrumentation of lean) {
    instrumentation.setTracerProvider(tracerProvider);
    instrumentation.enable();
  }
  if (others.length > 0) {
    const meterProvider = metrics.getMeterProvider();
    for (const instrumentation of others) {
      instrumentation.setTracerProvider(tracerProvider);
      instrumentation.setMeterProvider(meterProvider);
      if (instrumentation.getConfig().enabled !== true) instrumentation.enable();
    }
  }
  return () => {
    for (const instrumentation of instrumentations) instrumentation.disable();
  };
}
