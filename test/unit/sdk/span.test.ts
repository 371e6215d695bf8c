import { diag, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invalidAttributeWarning, spanEndedTwiceWarning, unrecordableExceptionWarning } from '../../../src/sdk/warnings';
import { onlyEnded, providerWithProcessor } from './support';

function startSpan(spanLimits = {}): { span: Span; ended: () => ReturnType<typeof onlyEnded> } {
  const { provider, processor } = providerWithProcessor({ spanLimits });
  const span = provider.getTracer('test').startSpan('work');
  return { span, ended: () => onlyEnded(processor) };
}

afterEach(() => {
  diag.disable();
});

describe('span attributes', () => {
  it('keeps primitives and homogeneous arrays, ignores null, undefined and invalid values', () => {
    const warn = vi.spyOn(diag, 'warn');
    const { span, ended } = startSpan();
    span.setAttribute('s', 'text').setAttribute('n', 1.5).setAttribute('b', false);
    span.setAttributes({ strings: ['a', null, 'b'], numbers: [1, 2], empty: [] });
    span.setAttribute('undefined', undefined);
    span.setAttribute('null', null);
    span.setAttribute('object', { a: 1 });
    span.setAttribute('mixed', [1, 'a'] as unknown);
    span.setAttribute('nested', [[1]] as unknown);
    span.setAttribute('', 'no key');
    span.end();
    expect(ended().attributes).toEqual({ s: 'text', n: 1.5, b: false, strings: ['a', null, 'b'], numbers: [1, 2], empty: [] });
    expect(ended().droppedAttributesCount).toBe(0);
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      invalidAttributeWarning('object'),
      invalidAttributeWarning('mixed'),
      invalidAttributeWarning('nested'),
      invalidAttributeWarning(''),
    ]);
  });

  it('copies arrays so later changes by the caller do not reach the span', () => {
    const { span, ended } = startSpan();
    const values = ['a'];
    span.setAttribute('list', values);
    values.push('b');
    span.end();
    expect(ended().attributes.list).toEqual(['a']);
  });

  it('drops new keys past the count limit and counts them, but still updates existing keys', () => {
    const { span, ended } = startSpan({ attributeCountLimit: 2 });
    span.setAttributes({ a: 1, b: 2, c: 3, d: 4 });
    span.setAttribute('a', 10);
    span.end();
    expect(ended().attributes).toEqual({ a: 10, b: 2 });
    expect(ended().droppedAttributesCount).toBe(2);
  });

  it('uses the specification default of 128 attributes', () => {
    const { span, ended } = startSpan();
    for (let index = 0; index < 130; index++) span.setAttribute(`k${index}`, index);
    span.end();
    expect(Object.keys(ended().attributes)).toHaveLength(128);
    expect(ended().droppedAttributesCount).toBe(2);
  });

  it('cuts strings and strings in arrays to the value length limit, leaving other types alone', () => {
    const { span, ended } = startSpan({ attributeValueLengthLimit: 3 });
    span.setAttributes({ long: 'abcdef', short: 'ab', list: ['abcdef', 'x'], number: 123456, flags: [true] });
    span.end();
    expect(ended().attributes).toEqual({ long: 'abc', short: 'ab', list: ['abc', 'x'], number: 123456, flags: [true] });
  });

  it('ignores attributes after the span ended', () => {
    const { span, ended } = startSpan();
    span.end();
    span.setAttribute('late', 1);
    expect(ended().attributes).toEqual({});
  });
});

describe('span status, name and end', () => {
  it('keeps an ERROR description, ignores UNSET and treats OK as final', () => {
    const { span, ended } = startSpan();
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'first' });
    expect((span as unknown as { status: unknown }).status).toEqual({ code: SpanStatusCode.ERROR, message: 'first' });
    span.setStatus({ code: SpanStatusCode.UNSET });
    expect((span as unknown as { status: unknown }).status).toEqual({ code: SpanStatusCode.ERROR, message: 'first' });
    span.setStatus({ code: SpanStatusCode.OK, message: 'dropped for OK' });
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'too late' });
    span.end();
    expect(ended().status).toEqual({ code: SpanStatusCode.OK });
  });

  it('drops a description that is not a string', () => {
    const { span, ended } = startSpan();
    span.setStatus({ code: SpanStatusCode.ERROR, message: 42 as unknown as string });
    span.end();
    expect(ended().status).toEqual({ code: SpanStatusCode.ERROR });
  });

  it('renames until the end only', () => {
    const { span, ended } = startSpan();
    span.updateName('renamed');
    span.end();
    span.updateName('after end');
    expect(ended().name).toBe('renamed');
  });

  it('ends once: a second end is ignored with a warning and processors see one end', () => {
    const warn = vi.spyOn(diag, 'warn');
    const { span, ended } = startSpan();
    expect(span.isRecording()).toBe(true);
    span.end([4_000_000_000, 0]);
    expect(span.isRecording()).toBe(false);
    expect(() => span.end([4_000_000_001, 0])).not.toThrow();
    expect(ended().endTime).toEqual([4_000_000_000, 0]);
    expect(ended().ended).toBe(true);
    expect(warn).toHaveBeenCalledWith(spanEndedTwiceWarning('work'));
  });

  it('computes the duration from the start and end times and never lets it go negative', () => {
    const { provider, processor } = providerWithProcessor();
    const tracer = provider.getTracer('test');
    tracer.startSpan('timed', { startTime: [100, 900_000_000] }).end([102, 100_000_000]);
    tracer.startSpan('backwards', { startTime: [100, 0] }).end([99, 0]);
    const [timed, backwards] = processor.ended;
    expect(timed?.duration).toEqual([1, 200_000_000]);
    expect(backwards?.duration).toEqual([0, 0]);
    expect(backwards?.endTime).toEqual([100, 0]);
  });

  it('accepts Dates and epoch milliseconds as start and end times', () => {
    const { provider, processor } = providerWithProcessor();
    provider.getTracer('test').startSpan('dated', { startTime: new Date(1_700_000_000_123) }).end(1_700_000_001_000.5);
    expect(onlyEnded(processor).startTime).toEqual([1_700_000_000, 123_000_000]);
    expect(onlyEnded(processor).endTime).toEqual([1_700_000_001, 500_000]);
    expect(onlyEnded(processor).duration).toEqual([0, 877_500_000]);
  });
});

describe('span events and exceptions', () => {
  it('takes attributes, a time in either position, and validates event attributes', () => {
    const { span, ended } = startSpan();
    span.addEvent('plain');
    span.addEvent('with attributes', { a: 1, bad: { x: 1 } as unknown as string });
    span.addEvent('time second', [5, 6]);
    span.addEvent('both', { b: 2 }, [7, 8]);
    span.end();
    const events = ended().events;
    expect(events.map((event) => event.name)).toEqual(['plain', 'with attributes', 'time second', 'both']);
    expect(events[1]?.attributes).toEqual({ a: 1 });
    expect(events[2]).toMatchObject({ time: [5, 6], attributes: {} });
    expect(events[3]).toMatchObject({ time: [7, 8], attributes: { b: 2 }, droppedAttributesCount: 0 });
    expect(events[0]?.time[0]).toBeGreaterThan(1_600_000_000);
  });

  it('keeps the newest events past the limit and counts the dropped ones', () => {
    const { span, ended } = startSpan({ eventCountLimit: 2 });
    for (let index = 0; index < 5; index++) span.addEvent(`e${index}`);
    span.end();
    expect(ended().events.map((event) => event.name)).toEqual(['e3', 'e4']);
    expect(ended().droppedEventsCount).toBe(3);
  });

  it('counts every event as dropped with a limit of 0', () => {
    const { span, ended } = startSpan({ eventCountLimit: 0 });
    span.addEvent('a');
    span.recordException(new Error('b'));
    span.end();
    expect(ended().events).toEqual([]);
    expect(ended().droppedEventsCount).toBe(2);
  });

  it('limits attributes per event to 128 and counts the rest', () => {
    const { span, ended } = startSpan();
    const attributes: Record<string, number> = {};
    for (let index = 0; index < 130; index++) attributes[`k${index}`] = index;
    span.addEvent('big', attributes);
    span.end();
    expect(Object.keys(ended().events[0]?.attributes ?? {})).toHaveLength(128);
    expect(ended().events[0]?.droppedAttributesCount).toBe(2);
  });

  it('records an exception event with type, message and stack trace', () => {
    const { span, ended } = startSpan();
    const error = new TypeError('bad input');
    span.recordException(error, [9, 9]);
    span.recordException({ code: 'ECONNRESET', message: 'reset' });
    span.recordException('plain text');
    span.end();
    expect(ended().events).toEqual([
      { name: 'exception', time: [9, 9], droppedAttributesCount: 0, attributes: { 'exception.type': 'TypeError', 'exception.message': 'bad input', 'exception.stacktrace': error.stack } },
      expect.objectContaining({ name: 'exception', attributes: { 'exception.type': 'ECONNRESET', 'exception.message': 'reset' } }),
      expect.objectContaining({ name: 'exception', attributes: { 'exception.message': 'plain text' } }),
    ]);
  });

  it('records nothing for an exception without type or message, with a warning', () => {
    const warn = vi.spyOn(diag, 'warn');
    const { span, ended } = startSpan();
    span.recordException({} as unknown as Error);
    span.end();
    expect(ended().events).toEqual([]);
    expect(warn).toHaveBeenCalledWith(unrecordableExceptionWarning({}));
  });
});

describe('span links', () => {
  const context = (index: number) => ({ traceId: `${index}`.padStart(32, 'a'), spanId: `${index}`.padStart(16, 'b'), traceFlags: 1 });

  it('keeps links from the options and added later, with valid attributes only', () => {
    const { provider, processor } = providerWithProcessor();
    const span = provider.getTracer('test').startSpan('linked', { links: [{ context: context(1), attributes: { a: 1, bad: {} as unknown as string } }] });
    span.addLink({ context: context(2) });
    span.addLinks([{ context: context(3) }, { context: context(4), attributes: { b: 'x' } }]);
    span.end();
    expect(onlyEnded(processor).links).toEqual([
      { context: context(1), attributes: { a: 1 } },
      { context: context(2) },
      { context: context(3) },
      { context: context(4), attributes: { b: 'x' } },
    ]);
    expect(onlyEnded(processor).droppedLinksCount).toBe(0);
  });

  it('keeps the newest links past the limit and counts the dropped ones', () => {
    const { span, ended } = startSpan({ linkCountLimit: 2 });
    for (let index = 1; index <= 4; index++) span.addLink({ context: context(index) });
    span.end();
    expect(ended().links.map((link) => link.context.spanId)).toEqual([context(3).spanId, context(4).spanId]);
    expect(ended().droppedLinksCount).toBe(2);
  });

  it('counts link attributes past 128 on the link', () => {
    const { span, ended } = startSpan();
    const attributes: Record<string, number> = {};
    for (let index = 0; index < 129; index++) attributes[`k${index}`] = index;
    span.addLink({ context: context(1), attributes });
    span.end();
    expect(ended().links[0]?.droppedAttributesCount).toBe(1);
    expect(Object.keys(ended().links[0]?.attributes ?? {})).toHaveLength(128);
  });
});

describe('readable span shape', () => {
  it('exposes everything exporters read', () => {
    const { provider, processor } = providerWithProcessor();
    const span = provider.getTracer('scope', '1.2.3', { schemaUrl: 'https://schema' }).startSpan('shape', { kind: SpanKind.CLIENT, attributes: { a: 1 } });
    span.end();
    const readable = onlyEnded(processor);
    expect(readable).toMatchObject({
      name: 'shape',
      kind: SpanKind.CLIENT,
      parentSpanContext: undefined,
      status: { code: SpanStatusCode.UNSET },
      attributes: { a: 1 },
      links: [],
      events: [],
      ended: true,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
      instrumentationScope: { name: 'scope', version: '1.2.3', schemaUrl: 'https://schema' },
    });
    expect(readable.resource).toBe(provider.resource);
    expect(readable.spanContext()).toBe(span.spanContext());
    expect(readable.duration[0]).toBeGreaterThanOrEqual(0);
    expect(readable.startTime[1]).toBeLessThan(1_000_000_000);
  });
});
