import { context, diag, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { FORMAT_HTTP_HEADERS, followsFrom, Tags } from 'opentracing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withSpan } from '../../../src/decorators';
import { createOpenTracingTracer, REF_TYPE_ATTRIBUTE, type BridgeTracer } from '../../../src/opentracing';
import { bridgeWarnings } from '../../../src/opentracing/bridge-warnings';
import { createTestTracing, type TestTracing } from '../../../src/testing';
import type { ReadableSpan } from '../../../src/sdk/sdk-types';

let tracing: TestTracing;
let tracer: BridgeTracer;

beforeEach(() => {
  tracing = createTestTracing();
  tracer = createOpenTracingTracer();
});
afterEach(() => tracing.shutdown());

function only(name: string): ReadableSpan {
  const spans = tracing.spansNamed(name);
  expect(spans, name).toHaveLength(1);
  return spans[0] as ReadableSpan;
}

const epochMillis = (hr: readonly [number, number]): number => hr[0] * 1000 + hr[1] / 1e6;

describe('startSpan', () => {
  it('childOf a span or a span context makes the parent', () => {
    const parent = tracer.startSpan('parent');
    tracer.startSpan('by-span', { childOf: parent }).finish();
    tracer.startSpan('by-context', { childOf: parent.context() }).finish();
    parent.finish();
    const parentId = only('parent').spanContext().spanId;
    expect(only('by-span').parentSpanContext?.spanId).toBe(parentId);
    expect(only('by-context').parentSpanContext?.spanId).toBe(parentId);
    expect(only('by-span').spanContext().traceId).toBe(parent.context().toTraceId());
    expect(parent.context().toSpanId()).toBe(parentId);
  });

  it('FOLLOWS_FROM references become links with opentracing.ref_type; the parent is still the active span', () => {
    const cause = tracer.startSpan('cause');
    cause.finish();
    withSpan('active', () => {
      tracer.startSpan('effect', { references: [followsFrom(cause.context())] }).finish();
    });
    const effect = only('effect');
    expect(effect.parentSpanContext?.spanId).toBe(only('active').spanContext().spanId);
    expect(effect.links.map((link) => ({ spanId: link.context.spanId, attributes: link.attributes }))).toEqual([
      { spanId: cause.context().toSpanId(), attributes: { [REF_TYPE_ATTRIBUTE]: 'follows_from' } },
    ]);
  });

  it('without childOf, the active OpenTelemetry span is the parent; with none, a new trace starts', () => {
    withSpan('otel-parent', () => tracer.startSpan('inside').finish());
    tracer.startSpan('root').finish();
    expect(only('inside').parentSpanContext?.spanId).toBe(only('otel-parent').spanContext().spanId);
    expect(only('root').parentSpanContext).toBeUndefined();
  });

  it('tags at start: span.kind sets the kind, error=true the status, others (sampling.priority too) are attributes', () => {
    tracer
      .startSpan('tagged', {
        tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_CLIENT, [Tags.ERROR]: true, [Tags.SAMPLING_PRIORITY]: 1, 'http.method': 'GET', count: 3, ok: false, list: ['a', 'b'], nested: { a: 1, password: 'x' }, none: null },
      })
      .finish();
    const span = only('tagged');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes).toEqual({
      'sampling.priority': 1,
      'http.method': 'GET',
      count: 3,
      ok: false,
      list: ['a', 'b'],
      nested: '{"a":1,"password":"[REDACTED]"}',
      // The sampling layer read sampling.priority at start and marked the span forced.
      'sampling.forced': true,
      'sampler.type': 'forced',
      'sampler.param': 1,
    });
  });

  it('sampling.priority at start forces a span the sampler would drop, and 0 drops one it would keep', async () => {
    await tracing.shutdown();
    tracing = createTestTracing({ sampler: 'parentbased_traceidratio', samplingRatio: 0 });
    tracer = createOpenTracingTracer();
    tracer.startSpan('dropped by the ratio').finish();
    tracer.startSpan('forced', { tags: { 'sampling.priority': 1 } }).finish();
    expect(tracing.finishedSpans().map((span) => span.name)).toEqual(['forced']);
    await tracing.shutdown();
    tracing = createTestTracing({ sampler: 'parentbased_always_on' });
    tracer = createOpenTracingTracer();
    const dropped = tracer.startSpan('dropped by priority', { tags: { 'sampling.priority': 0 } });
    tracer.startSpan('child of a dropped span', { childOf: dropped }).finish();
    dropped.finish();
    tracer.startSpan('kept').finish();
    expect(tracing.finishedSpans().map((span) => span.name)).toEqual(['kept']);
  });

  it('each span.kind value maps', () => {
    const kinds = { server: SpanKind.SERVER, producer: SpanKind.PRODUCER, consumer: SpanKind.CONSUMER, client: SpanKind.CLIENT };
    for (const kind of Object.keys(kinds)) tracer.startSpan(`kind-${kind}`, { tags: { 'span.kind': kind } }).finish();
    for (const [kind, expected] of Object.entries(kinds)) expect(only(`kind-${kind}`).kind).toBe(expected);
  });

  it('startTime and finish(finishTime) are epoch milliseconds, kept to the sub-millisecond', () => {
    const start = Date.UTC(2026, 0, 2, 3, 4, 5, 6) + 0.25;
    const span = tracer.startSpan('timed', { startTime: start });
    span.finish(start + 1500.5);
    const timed = only('timed');
    expect(epochMillis(timed.startTime)).toBeCloseTo(start, 3);
    expect(epochMillis(timed.endTime)).toBeCloseTo(start + 1500.5, 3);
  });
});

describe('span methods', () => {
  it('setTag error=true after start sets ERROR; error=false leaves the status unset', () => {
    const failed = tracer.startSpan('failed');
    failed.setTag('error', true).setTag('component', 'db').finish();
    tracer.startSpan('fine').setTag('error', false).finish();
    expect(only('failed').status.code).toBe(SpanStatusCode.ERROR);
    expect(only('failed').attributes).toEqual({ component: 'db' });
    expect(only('fine').status.code).toBe(SpanStatusCode.UNSET);
  });

  it('log and logEvent are events at their timestamps; an error log is an exception event', () => {
    const span = tracer.startSpan('logged');
    const at = Date.UTC(2026, 5, 1, 12, 0, 0, 0);
    span.log({ event: 'cache-miss', key: 'user:1' }, at);
    span.log({ size: 3 });
    span.logEvent('retry', { attempt: 2 });
    const error = new RangeError('too far');
    span.log({ event: 'error', 'error.object': error, 'db.rows': 0 });
    span.log({ event: 'error', 'error.kind': 'Timeout', message: 'no answer', stack: 'at x' });
    span.finish();
    const [miss, log, retry, exception, described] = only('logged').events;
    expect(miss).toMatchObject({ name: 'cache-miss', attributes: { key: 'user:1' } });
    expect(epochMillis(miss?.time as [number, number])).toBe(at);
    expect(log).toMatchObject({ name: 'log', attributes: { size: 3 } });
    expect(retry).toMatchObject({ name: 'retry', attributes: { payload: '{"attempt":2}' } });
    expect(exception).toMatchObject({ name: 'exception', attributes: { 'exception.type': 'RangeError', 'exception.message': 'too far', 'exception.stacktrace': error.stack, 'db.rows': 0 } });
    expect(described).toMatchObject({ name: 'exception', attributes: { 'exception.type': 'Timeout', 'exception.message': 'no answer', 'exception.stacktrace': 'at x' } });
  });

  it('setOperationName renames; finish twice ends once', () => {
    const span = tracer.startSpan('first');
    span.setOperationName('second');
    span.finish();
    span.finish();
    expect(tracing.finishedSpans().map((finished) => finished.name)).toEqual(['second']);
  });

  it('baggage items are OpenTelemetry baggage, inherited by children and seen by OpenTelemetry code', () => {
    const parent = tracer.startSpan('parent');
    parent.setBaggageItem('tenant', 'acme');
    expect(parent.getBaggageItem('tenant')).toBe('acme');
    const child = tracer.startSpan('child', { childOf: parent });
    expect(child.getBaggageItem('tenant')).toBe('acme');
    child.setBaggageItem('only-child', '1');
    expect(parent.getBaggageItem('only-child')).toBeUndefined();
    tracer.activate(parent, () => {
      expect(propagation.getActiveBaggage()?.getEntry('tenant')?.value).toBe('acme');
    });
    const headers: Record<string, string> = {};
    tracer.inject(child, FORMAT_HTTP_HEADERS, headers);
    expect(headers.baggage).toContain('tenant=acme');
    expect(headers['uberctx-tenant']).toBe('acme');
  });

  it('sampling.priority after start is only an attribute, with one warning naming the limit', () => {
    const warn = vi.spyOn(diag, 'warn');
    const span = tracer.startSpan('late');
    span.setTag('sampling.priority', 1);
    span.setTag('sampling.priority', 0);
    span.finish();
    expect(only('late').attributes['sampling.priority']).toBe(0);
    expect(warn.mock.calls.filter(([message]) => message === bridgeWarnings.samplingPriorityAfterStart('late'))).toHaveLength(1);
  });
});

describe('active spans in both directions', () => {
  it('an activated OpenTracing span is the parent of OpenTelemetry spans started inside, and of spans after an await', async () => {
    const span = tracer.startSpan('ot-parent');
    await tracer.activate(span, async () => {
      withSpan('otel-child', () => undefined);
      await new Promise((resolve) => setTimeout(resolve, 1));
      trace.getTracer('t').startSpan('after-await').end();
      expect(tracer.activeSpan()).toBe(span);
    });
    span.finish();
    const parentId = only('ot-parent').spanContext().spanId;
    expect(only('otel-child').parentSpanContext?.spanId).toBe(parentId);
    expect(only('after-await').parentSpanContext?.spanId).toBe(parentId);
    expect(tracer.activeSpan()).toBeNull();
  });

  it('activeSpan() sees an OpenTelemetry span through the OpenTracing API, the same object each time', () => {
    withSpan('otel-span', () => {
      const view = tracer.activeSpan();
      expect(view).not.toBeNull();
      expect(tracer.activeSpan()).toBe(view);
      view?.setTag('from.opentracing', true);
      tracer.startSpan('ot-child', { childOf: view ?? undefined }).finish();
    });
    expect(only('otel-span').attributes['from.opentracing']).toBe(true);
    expect(only('ot-child').parentSpanContext?.spanId).toBe(only('otel-span').spanContext().spanId);
  });

  it('startActiveSpan finishes with the function, the promise, or the error', async () => {
    const value = tracer.startActiveSpan('sync', (span) => {
      withSpan('inner', () => undefined);
      return span.context().toSpanId();
    });
    expect(value).toBe(only('sync').spanContext().spanId);
    expect(only('inner').parentSpanContext?.spanId).toBe(value);
    await expect(tracer.startActiveSpan('async', { tags: { step: 1 } }, () => Promise.resolve('done'))).resolves.toBe('done');
    expect(only('async').attributes).toEqual({ step: 1 });
    expect(() => tracer.startActiveSpan('throws', () => { throw new TypeError('bad'); })).toThrow('bad');
    await expect(tracer.startActiveSpan('rejects', () => Promise.reject(new Error('later')))).rejects.toThrow('later');
    for (const name of ['throws', 'rejects']) {
      expect(only(name).status.code).toBe(SpanStatusCode.ERROR);
      expect(only(name).events.map((event) => event.name)).toEqual(['exception']);
    }
    expect(context.active()).toBe(context.active());
  });
});
