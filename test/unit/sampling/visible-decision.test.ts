import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestTracing, type TestTracing } from '../../../src/testing';
import { TraceContextPropagator } from '../../../src/propagation/w3c/trace-context-propagator';

let tracing: TestTracing | undefined;
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});

describe('the decision is visible on the spans', () => {
  it('a ratio root span carries sampler.type, sampler.param and th; its children inherit th without the attributes', () => {
    tracing = createTestTracing({ sampler: 'parentbased_traceidratio', samplingRatio: 1 });
    const tracer = tracing.tracer('t');
    tracer.startActiveSpan('root', (root) => {
      tracer.startSpan('child').end();
      root.end();
    });
    const [child, root] = tracing.finishedSpans();
    expect(root?.attributes).toMatchObject({ 'sampler.type': 'probabilistic', 'sampler.param': 1 });
    expect(root?.spanContext().traceState?.serialize()).toBe('ot=th:0');
    expect(child?.attributes).toEqual({});
    expect(child?.spanContext().traceState?.serialize()).toBe('ot=th:0');
  });

  it('an inbound th is kept on the server span and propagated downstream', () => {
    tracing = createTestTracing({ sampler: 'parentbased_traceidratio', samplingRatio: 0 });
    const propagator = new TraceContextPropagator();
    const headers: Record<string, string> = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'ot=th:c;rv:fedcba98765432,vendor=1' };
    const inbound = propagator.extract(ROOT_CONTEXT, headers, { get: (_carrier, key) => headers[key], keys: () => Object.keys(headers) });
    const span = tracing.tracer('t').startSpan('server', {}, inbound);
    const outbound: Record<string, string> = {};
    propagator.inject(trace.setSpan(ROOT_CONTEXT, span), outbound, { set: (_carrier, key, value) => (outbound[key] = value) });
    span.end();
    expect(tracing.finishedSpans()[0]?.spanContext().traceState?.serialize()).toBe('ot=th:c;rv:fedcba98765432,vendor=1');
    expect(tracing.finishedSpans()[0]?.attributes).toEqual({});
    expect(outbound.tracestate).toBe('ot=th:c;rv:fedcba98765432,vendor=1');
  });

  it('always-on profiles add nothing: development and test spans stay as they were', () => {
    tracing = createTestTracing();
    tracing.tracer('t').startSpan('plain').end();
    expect(tracing.finishedSpans()[0]?.attributes).toEqual({});
    expect(tracing.finishedSpans()[0]?.spanContext().traceState).toBeUndefined();
  });
});
