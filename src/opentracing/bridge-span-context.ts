import { INVALID_SPAN_CONTEXT, propagation, trace, type Baggage, type Context, type SpanContext as OtelSpanContext } from '@opentelemetry/api';
import type { BridgeSpanContextShape, BridgeSpanShape, OpenTracingModule, SpanContextClass } from './bridge-types';

/** The bridge's span context class, extending the loaded module's `SpanContext`. */
export function defineSpanContextClass(ot: OpenTracingModule): SpanContextClass {
  return class BridgeSpanContext extends ot.SpanContext implements BridgeSpanContextShape {
    constructor(
      readonly base: Context,
      public baggage: Baggage | undefined,
      readonly span: BridgeSpanShape | undefined,
    ) {
      super();
    }

    get otelSpanContext(): OtelSpanContext {
      return trace.getSpanContext(this.base) ?? INVALID_SPAN_CONTEXT;
    }

    toContext(): Context {
      return this.baggage === undefined ? propagation.deleteBaggage(this.base) : propagation.setBaggage(this.base, this.baggage);
    }

    override toTraceId(): string {
      return this.otelSpanContext.traceId;
    }

    override toSpanId(): string {
      return this.otelSpanContext.spanId;
    }
  };
}
