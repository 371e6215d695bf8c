import type { TracerProvider } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { isLeanInstrumentation } from './lean/is-lean';

/**
 * Gives every instrumentation the tracer provider and enables it; returns what disables them all.
 * The lean instrumentations are enabled directly. `@opentelemetry/instrumentation` (and the module
 * hooks it brings) is loaded only when an official or third-party instrumentation is in the list,
 * whose meter and logger providers its registration also sets.
 */
export function enableInstrumentations(instrumentations: readonly Instrumentation[], tracerProvider: TracerProvider): () => void {
  const lean = instrumentations.filter(isLeanInstrumentation);
  const others = instrumentations.filter((instrumentation) => !isLeanInstrumentation(instrumentation));
  for (const instrumentation of lean) {
    instrumentation.setTracerProvider(tracerProvider);
    instrumentation.enable();
  }
  let disableOthers: (() => void) | undefined;
  if (others.length > 0) {
    const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
    disableOthers = registerInstrumentations({ instrumentations: others, tracerProvider });
  }
  return () => {
    for (const instrumentation of lean) instrumentation.disable();
    disableOthers?.();
  };
}
