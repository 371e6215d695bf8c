import { SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withSpan } from '../../../src/decorators';
import { createTestTracing, type TestTracing } from '../../../src/testing';

describe('withSpan()', () => {
  let tracing: TestTracing;
  beforeEach(() => {
    tracing = createTestTracing();
  });
  afterEach(async () => {
    await tracing.shutdown();
  });

  it('runs fn with the active span and returns its value', () => {
    const result = withSpan('block', { 'block.size': 3 }, (span) => {
      expect(trace.getActiveSpan()).toBe(span);
      span.setAttribute('inside', true);
      return 42;
    });
    expect(result).toBe(42);
    const [span] = tracing.spansNamed('block');
    expect(span?.attributes).toEqual({ 'block.size': 3, inside: true });
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('accepts a name and a function only', async () => {
    await expect(withSpan('short', () => Promise.resolve('done'))).resolves.toBe('done');
    expect(tracing.spansNamed('short')).toHaveLength(1);
  });

  it('ends when the promise settles and records rejections', async () => {
    const error = new RangeError('out of range');
    const pending = withSpan('async.fail', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      throw error;
    });
    expect(tracing.spansNamed('async.fail')).toHaveLength(0);
    await expect(pending).rejects.toBe(error);
    const [span] = tracing.spansNamed('async.fail');
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'out of range' });
    expect(span?.attributes['error.type']).toBe('RangeError');
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('records sync errors and rethrows the same object', () => {
    const error = new Error('sync');
    expect(() =>
      withSpan('sync.fail', () => {
        throw error;
      }),
    ).toThrow(error);
    expect(tracing.spansNamed('sync.fail')[0]?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('needs a function', () => {
    expect(() => withSpan('x', {} as unknown as () => void)).toThrow(TypeError);
  });
});
