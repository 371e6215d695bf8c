import { diag, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withSpan } from '../../../src/decorators';
import { MAX_FUTURE_SKEW_MILLIS, recordSpan, type RecordSpanInput } from '../../../src/record-span/record-span';
import { endBeforeStartRecordWarning, futureRecordWarning, invalidRecordInputMessage } from '../../../src/record-span/record-span-warnings';
import { createTestTracing, type TestTracing } from '../../../src/testing';

let tracing: TestTracing;
beforeEach(() => {
  tracing = createTestTracing({ propagators: ['tracecontext', 'baggage', 'jaeger'] });
});
afterEach(() => tracing.shutdown());

const START = Date.UTC(2026, 11, 2, 10, 0, 0, 120);
const TRACE = '80f198ee56343ba864fe8b2a57d3eff7';
const SPAN = 'e457b5a2e4d86bd1';
const base: RecordSpanInput = { name: 'GET /orders', startTime: START, endTime: START + 125 };

describe('recordSpan', () => {
  it('records a finished span with the given times in each accepted form, kind, attributes, events, links and status', () => {
    const link = { traceId: TRACE, spanId: SPAN, traceFlags: 1 };
    const recorded = recordSpan({
      name: 'GET /orders',
      kind: 'server',
      startTime: new Date(START),
      endTime: [Math.floor((START + 125) / 1000), ((START + 125) % 1000) * 1e6],
      attributes: { 'http.response.status_code': 503 },
      events: [{ name: 'queued', time: START + 5, attributes: { 'queue.length': 3 } }],
      links: [{ context: link, attributes: { why: 'retry of' } }],
      status: { code: SpanStatusCode.ERROR, message: 'backend down' },
    });
    const [span] = tracing.finishedSpans();
    expect(recorded).toEqual(span?.spanContext());
    expect(span).toMatchObject({
      name: 'GET /orders',
      kind: SpanKind.SERVER,
      startTime: [Math.floor(START / 1000), (START % 1000) * 1e6],
      endTime: [Math.floor((START + 125) / 1000), ((START + 125) % 1000) * 1e6],
      attributes: { 'http.response.status_code': 503 },
      status: { code: SpanStatusCode.ERROR, message: 'backend down' },
    });
    expect(span?.events).toEqual([{ name: 'queued', time: [Math.floor((START + 5) / 1000), ((START + 5) % 1000) * 1e6], attributes: { 'queue.length': 3 }, droppedAttributesCount: 0 }]);
    expect(span?.links).toEqual([{ context: link, attributes: { why: 'retry of' } }]);
  });

  it('parents the span on a carrier (W3C or Jaeger), a SpanContext, a Context, or the active span', () => {
    recordSpan({ ...base, name: 'from-w3c', parent: { traceparent: `00-${TRACE}-${SPAN}-01` } });
    recordSpan({ ...base, name: 'from-jaeger', parent: { 'uber-trace-id': `${TRACE}:${SPAN}:0:1` } });
    const root = recordSpan({ ...base, name: 'root' });
    recordSpan({ ...base, name: 'from-span-context', parent: root });
    recordSpan({ ...base, name: 'from-context', parent: trace.setSpanContext(ROOT_CONTEXT, root as never) });
    withSpan('active', () => recordSpan({ ...base, name: 'from-active' }));
    const parentOf = (name: string): string | undefined => tracing.spansNamed(name)[0]?.parentSpanContext?.spanId;
    expect(parentOf('from-w3c')).toBe(SPAN);
    expect(parentOf('from-jaeger')).toBe(SPAN);
    expect(tracing.spansNamed('from-w3c')[0]?.spanContext().traceId).toBe(TRACE);
    expect(parentOf('root')).toBeUndefined();
    expect(parentOf('from-span-context')).toBe(root?.spanId);
    expect(parentOf('from-context')).toBe(root?.spanId);
    expect(parentOf('from-active')).toBe(tracing.spansNamed('active')[0]?.spanContext().spanId);
  });

  it('a carrier with no trace starts a new trace', () => {
    recordSpan({ ...base, parent: { 'x-other': '1' } });
    expect(tracing.finishedSpans()[0]?.parentSpanContext).toBeUndefined();
  });

  it.each([
    ['a missing name', { ...base, name: '' }, 'name', 'a non-empty string', '""'],
    ['no input', undefined, 'input', 'an object', 'undefined undefined'],
    ['a missing start', { ...base, startTime: undefined }, 'startTime', 'a Date, epoch milliseconds or [seconds, nanoseconds]', 'missing'],
    ['an invalid Date', { ...base, endTime: new Date('nope') }, 'endTime', 'a Date, epoch milliseconds or [seconds, nanoseconds]', 'an invalid Date'],
    ['a negative time', { ...base, startTime: -5 }, 'startTime', 'a Date, epoch milliseconds or [seconds, nanoseconds]', '-5, which is not a time after 1970'],
    ['a bad HrTime', { ...base, startTime: [1, 2e9] }, 'startTime', 'a Date, epoch milliseconds or [seconds, nanoseconds]', 'a pair that is not [seconds >= 0, nanoseconds 0..999999999]'],
    ['an unknown kind', { ...base, kind: 'gateway' }, 'kind', 'a SpanKind or one of internal, server, client, producer, consumer', '"gateway"'],
    ['a bad event time', { ...base, events: [{ name: 'e', time: 'soon' }] }, 'events[0].time', 'a Date, epoch milliseconds or [seconds, nanoseconds]', 'a string'],
    ['a bad link', { ...base, links: [{ context: { traceId: 'x', spanId: 'y', traceFlags: 1 } }] }, 'links[0]', 'an object with a valid SpanContext as context', 'an object'],
    ['a bad status', { ...base, status: 'fine' }, 'status', "'ok', 'error' or { code, message? }", '"fine"'],
    ['a bad parent', { ...base, parent: 'trace-1' }, 'parent', 'a Context, a SpanContext or a header carrier', '"trace-1"'],
  ])('%s throws a TypeError naming the field, and nothing is recorded', (_what, input, field, accepted, received) => {
    expect(() => recordSpan(input as RecordSpanInput)).toThrow(new TypeError(invalidRecordInputMessage(field, accepted, received)));
    expect(tracing.finishedSpans()).toEqual([]);
  });

  it('an end before the start warns and records nothing', () => {
    const warn = vi.spyOn(diag, 'warn');
    expect(recordSpan({ ...base, endTime: START - 1 })).toBeUndefined();
    expect(warn.mock.calls).toEqual([[endBeforeStartRecordWarning('GET /orders', START, START - 1)]]);
    expect(tracing.finishedSpans()).toEqual([]);
  });

  it('times far in the future warn and record nothing; a small clock skew is accepted', () => {
    const warn = vi.spyOn(diag, 'warn');
    const now = Date.now();
    const far = now + MAX_FUTURE_SKEW_MILLIS + 60_000;
    expect(recordSpan({ ...base, startTime: now, endTime: far })).toBeUndefined();
    expect(recordSpan({ ...base, events: [{ name: 'later', time: far }] })).toBeUndefined();
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      futureRecordWarning('GET /orders', 'endTime', far, MAX_FUTURE_SKEW_MILLIS),
      futureRecordWarning('GET /orders', 'event "later" time', far, MAX_FUTURE_SKEW_MILLIS),
    ]);
    expect(tracing.finishedSpans()).toEqual([]);
    expect(recordSpan({ ...base, startTime: now, endTime: now + 60_000 })).toBeDefined();
    expect(tracing.finishedSpans()).toHaveLength(1);
  });
});
