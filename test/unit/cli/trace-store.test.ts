import { describe, expect, it } from 'vitest';
import { resource, span, traceIdOf as trace } from './view-span-fixture';
import { TraceStore } from '../../../src/cli/ui/trace-store';
import { packSpans, unpackSpans } from '../../../src/cli/ui/span-pack';

describe('TraceStore', () => {
  it('drops the least recently updated trace past the trace limit, and counts it', () => {
    const store = new TraceStore({ maxTraces: 2, maxSpans: 100 });
    store.add([span(1), span(2)]);
    store.add([span(1)]); // trace 1 is now the most recent
    store.add([span(3)]);
    expect(store.trace(trace(2))).toBeUndefined();
    expect(store.trace(trace(1))).toHaveLength(2);
    expect(store.stats()).toMatchObject({ traces: 2, spans: 3, droppedTraces: 1, droppedSpans: 1, receivedSpans: 4, acceptedRequests: 3 });
  });

  it('never holds more spans than the span limit; a single trace past it loses its newest spans', () => {
    const store = new TraceStore({ maxTraces: 10, maxSpans: 5 });
    store.add([span(1), span(1), span(1)]);
    store.add([span(2), span(2), span(2)]);
    expect(store.stats().spans).toBeLessThanOrEqual(5);
    expect(store.trace(trace(1))).toBeUndefined();
    store.add(Array.from({ length: 8 }, () => span(4)));
    expect(store.stats()).toMatchObject({ spans: 5, traces: 1 });
    expect(store.trace(trace(4))).toHaveLength(5);
    expect(store.stats().droppedSpans).toBe(3 + 3 + 3);
  });

  it('summarises a trace: root, duration, span and error counts, services', () => {
    const store = new TraceStore({ maxTraces: 10, maxSpans: 100 });
    const root = span(7, { name: 'GET /checkout', start: 100, end: 200, resource: resource('gateway') });
    store.add([
      span(7, { parentSpanId: root.spanId, start: 120, end: 250, status: { code: 2, message: 'boom' }, resource: resource('orders') }),
      root,
    ]);
    expect(store.list()[0]).toMatchObject({ rootName: 'GET /checkout', rootService: 'gateway', start: 100, durationMillis: 150, spanCount: 2, errorCount: 1, services: ['gateway', 'orders'] });
  });

  it('filters by service, span name, attribute and minimum duration', () => {
    const store = new TraceStore({ maxTraces: 10, maxSpans: 100 });
    store.add([span(1, { name: 'GET /users', attributes: { 'http.route': '/users' }, resource: resource('users'), end: 1500 })]);
    store.add([span(2, { name: 'POST /orders', attributes: { 'http.route': '/orders', retries: 2 }, resource: resource('orders') })]);
    const ids = (filter: Parameters<TraceStore['list']>[0]): string[] => store.list(filter).map((summary) => summary.traceId);
    expect(ids({ service: 'users' })).toEqual([trace(1)]);
    expect(ids({ name: 'post' })).toEqual([trace(2)]);
    expect(ids({ attribute: 'http.route=/orders' })).toEqual([trace(2)]);
    expect(ids({ attribute: 'retries=2' })).toEqual([trace(2)]);
    expect(ids({ attribute: 'retries' })).toEqual([trace(2)]);
    expect(ids({ attribute: 'region=eu' }).sort()).toEqual([trace(1), trace(2)]);
    expect(ids({ minDurationMillis: 100 })).toEqual([trace(1)]);
    expect(ids({ service: 'users', name: 'post' })).toEqual([]);
  });

  it('keeps a span sent twice once, and counts it', () => {
    const store = new TraceStore({ maxTraces: 10, maxSpans: 100 });
    const once = span(5);
    store.add([once, span(5)]);
    store.add([once]);
    expect(store.trace(trace(5))).toHaveLength(2);
    expect(store.stats()).toMatchObject({ spans: 2, duplicateSpans: 1, receivedSpans: 3 });
  });

  it('counts rejected requests', () => {
    const store = new TraceStore({ maxTraces: 1, maxSpans: 1 });
    store.reject();
    store.reject();
    expect(store.stats().rejectedRequests).toBe(2);
  });
});

describe('span packing', () => {
  it('lists each resource and scope once and rebuilds the spans exactly', () => {
    const shared = resource('a');
    const spans = [span(1, { resource: shared }), span(1, { resource: shared }), span(1, { resource: resource('b') })];
    const packed = packSpans(spans);
    expect(packed.resources).toHaveLength(2);
    expect(packed.scopes).toHaveLength(1);
    expect(unpackSpans(JSON.parse(JSON.stringify(packed)) as typeof packed)).toEqual(spans);
  });
});
