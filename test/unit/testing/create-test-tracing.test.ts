import { context, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestTracing, type TestTracing } from '../../../src/testing';

describe('createTestTracing', () => {
  let tracing: TestTracing | undefined;
  afterEach(async () => tracing?.shutdown());

  it('records every span in memory, arranges them as a tree, and resets', async () => {
    tracing = createTestTracing();
    const tracer = trace.getTracer('app');
    await tracer.startActiveSpan('parent', async (parent) => {
      await Promise.resolve();
      tracer.startSpan('first').end();
      context.with(trace.setSpan(context.active(), parent), () => {
        tracer.startActiveSpan('second', (second) => {
          tracer.startSpan('nested').end();
          second.end();
        });
      });
      parent.end();
    });
    tracer.startSpan('other root').end();
    expect(tracing.finishedSpans().map((span) => span.name)).toEqual(['first', 'nested', 'second', 'parent', 'other root']);
    expect(tracing.namedTree()).toEqual([
      { name: 'parent', children: [{ name: 'first', children: [] }, { name: 'second', children: [{ name: 'nested', children: [] }] }] },
      { name: 'other root', children: [] },
    ]);
    expect(tracing.spansNamed('nested')).toHaveLength(1);
    tracing.reset();
    expect(tracing.finishedSpans()).toEqual([]);
  });

  it('can be created again after shutdown, and the old one records nothing more', async () => {
    const first = createTestTracing();
    await first.shutdown();
    tracing = createTestTracing({ serviceName: 'second' });
    trace.getTracer('app').startSpan('after').end();
    expect(first.finishedSpans()).toEqual([]);
    expect(tracing.finishedSpans()[0]?.resource.attributes['service.name']).toBe('second');
  });
});
