import type { BridgeSettings, BridgeTracer, OpenTracingModule } from './bridge-types';
import { defineSpanContextClass } from './bridge-span-context';
import { defineSpanClass } from './bridge-span';
import { defineTracerClass } from './bridge-tracer';

export type { BridgeSettings, BridgeTracer } from './bridge-types';
export { REF_TYPE_ATTRIBUTE } from './bridge-tracer';

interface Classes {
  createTracer(settings: BridgeSettings): BridgeTracer;
}

const built = new WeakMap<OpenTracingModule, Classes>();

/**
 * The bridge classes, defined once per loaded `opentracing` module: they extend its `Tracer`,
 * `Span` and `SpanContext`, so `instanceof` checks in code on that module hold for them.
 */
export function bridgeClasses(ot: OpenTracingModule): Classes {
  let classes = built.get(ot);
  if (classes === undefined) {
    const SpanContext = defineSpanContextClass(ot);
    const Span = defineSpanClass(ot, SpanContext);
    const Tracer = defineTracerClass(ot, Span, SpanContext);
    classes = { createTracer: (settings) => new Tracer(settings) };
    built.set(ot, classes);
  }
  return classes;
}
