/**
 * The bridge against the real jaeger-client (the library services move away from): a
 * jaeger-client service on either side of a call continues the trace, baggage included.
 */
import { FORMAT_HTTP_HEADERS, FORMAT_TEXT_MAP, type SpanContext } from 'opentracing';
import { trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenTracingTracer, type BridgeTracer } from '../../../src/opentracing';
import { extract, inject } from '../../../src/propagation/inject-extract';
import { withSpan } from '../../../src/decorators';
import { createTestTracing, type TestTracing } from '../../../src/testing';

interface JaegerSpanContext {
  traceIdStr: string;
  spanIdStr: string;
  parentIdStr?: string | null;
  isSampled(): boolean;
}
interface JaegerSpan {
  context(): JaegerSpanContext;
  setBaggageItem(key: string, value: string): JaegerSpan;
  getBaggageItem(key: string): string | undefined;
  finish(): void;
}
interface JaegerTracer {
  startSpan(name: string, options?: { childOf?: JaegerSpanContext | JaegerSpan | null }): JaegerSpan;
  inject(context: JaegerSpanContext, format: string, carrier: Record<string, string>): void;
  extract(format: string, carrier: Record<string, string>): JaegerSpanContext | null;
  close(callback?: () => void): void;
}
interface JaegerClient {
  initTracer(config: Record<string, unknown>, options: Record<string, unknown>): JaegerTracer;
  InMemoryReporter: new () => { spans: JaegerSpan[] };
}

 
const jaegerClient = require('jaeger-client') as JaegerClient;
const silent = { info: () => undefined, error: () => undefined };

let tracing: TestTracing;
let bridge: BridgeTracer;
let jaeger: JaegerTracer;

beforeEach(() => {
  tracing = createTestTracing({ propagators: ['tracecontext', 'baggage', 'jaeger'] });
  bridge = createOpenTracingTracer();
  jaeger = jaegerClient.initTracer({ serviceName: 'legacy', sampler: { type: 'const', param: 1 } }, { reporter: new jaegerClient.InMemoryReporter(), logger: silent });
});
afterEach(async () => {
  jaeger.close();
  await tracing.shutdown();
});

const full = (id: string): string => id.padStart(32, '0');

describe('jaeger-client on either side', () => {
  it.each([FORMAT_HTTP_HEADERS, FORMAT_TEXT_MAP])('a jaeger-client caller (%s): the bridge continues its trace and reads its baggage', (format) => {
    const caller = jaeger.startSpan('legacy-client');
    caller.setBaggageItem('tenant', 'acme corp');
    const headers: Record<string, string> = {};
    jaeger.inject(caller.context(), format, headers);
    const parent = bridge.extract(format, headers);
    const server = bridge.startSpan('bridge-server', { childOf: parent as SpanContext });
    expect(server.getBaggageItem('tenant')).toBe('acme corp');
    server.finish();
    const [span] = tracing.finishedSpans();
    expect(span?.spanContext().traceId).toBe(full(caller.context().traceIdStr));
    expect(span?.parentSpanContext?.spanId).toBe(caller.context().spanIdStr.padStart(16, '0'));
  });

  it.each([FORMAT_HTTP_HEADERS, FORMAT_TEXT_MAP])('a bridge caller (%s): jaeger-client continues its trace and reads its baggage', (format) => {
    const caller = bridge.startSpan('bridge-client');
    caller.setBaggageItem('tenant', 'acme');
    const headers: Record<string, string> = {};
    bridge.inject(caller.context(), format, headers);
    const parent = jaeger.extract(format, headers);
    expect(parent?.isSampled()).toBe(true);
    const server = jaeger.startSpan('legacy-server', { childOf: parent });
    expect(full(server.context().traceIdStr)).toBe(caller.context().toTraceId());
    expect(server.context().parentIdStr?.padStart(16, '0')).toBe(caller.context().toSpanId());
    expect(server.getBaggageItem('tenant')).toBe('acme');
  });

  it('OpenTelemetry code without the bridge talks to jaeger-client too (OTEL_PROPAGATORS with jaeger)', () => {
    const headers = withSpan('otel-client', () => inject({}));
    const server = jaeger.startSpan('legacy-server', { childOf: jaeger.extract(FORMAT_HTTP_HEADERS, headers) });
    expect(full(server.context().traceIdStr)).toBe(tracing.finishedSpans()[0]?.spanContext().traceId);
    const back: Record<string, string> = {};
    jaeger.inject(server.context(), FORMAT_HTTP_HEADERS, back);
    expect(trace.getSpanContext(extract(back))?.spanId).toBe(server.context().spanIdStr.padStart(16, '0'));
  });
});
