import { context, trace, type SpanContext } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { traced } from '../../../src/decorators';
import { createTestTracing, type TestTracing } from '../../../src/testing';
import { compileDecorated } from './compile-decorated';

/** An argument that counts every way it can be inspected: property reads, key listing, descriptors. */
function countingArgument(): { value: object; accesses: () => number } {
  let accesses = 0;
  const target = {
    nested: { id: 1 },
    get total(): number {
      accesses += 1;
      return 3;
    },
  };
  const value = new Proxy(target, {
    get(object, key, receiver) {
      accesses += 1;
      return Reflect.get(object, key, receiver) as unknown;
    },
    ownKeys(object) {
      accesses += 1;
      return Reflect.ownKeys(object);
    },
    getOwnPropertyDescriptor(object, key) {
      accesses += 1;
      return Reflect.getOwnPropertyDescriptor(object, key);
    },
    getPrototypeOf(object) {
      accesses += 1;
      return Reflect.getPrototypeOf(object);
    },
  });
  return { value, accesses: () => accesses };
}

const SOURCE = `
import { traceMethod } from 'otel-bootstrap';
export class Inspector {
  @traceMethod({ includeArgs: true, includeResult: true })
  run(input: object): object { return input; }
}
`;

describe('cost when spans are not recorded', () => {
  let tracing: TestTracing | undefined;
  afterEach(async () => {
    await tracing?.shutdown();
    tracing = undefined;
  });

  it('inspects arguments and results when sampled (control)', () => {
    tracing = createTestTracing({ sampler: 'always_on' });
    const argument = countingArgument();
    traced('sampled', (input: object) => input, { includeArgs: true, includeResult: true })(argument.value);
    expect(argument.accesses()).toBeGreaterThan(0);
    expect(tracing.spansNamed('sampled')).toHaveLength(1);
  });

  it('touches nothing when the sampler drops the span', () => {
    tracing = createTestTracing({ sampler: 'always_off' });
    const argument = countingArgument();
    const wrapped = traced('dropped', (input: object) => input, { includeArgs: true, includeResult: true, recordExecutionTime: true });
    expect(wrapped(argument.value)).toBe(argument.value);
    for (const mode of ['standard', 'legacy'] as const) {
      const Inspector = compileDecorated(SOURCE, mode).Inspector as new () => { run(input: object): object };
      expect(new Inspector().run(argument.value)).toBe(argument.value);
    }
    expect(argument.accesses()).toBe(0);
    expect(tracing.finishedSpans()).toHaveLength(0);
  });

  it('touches nothing and still works when no tracing is registered', () => {
    trace.disable();
    const argument = countingArgument();
    const pending = Promise.resolve('done');
    const wrapped = traced('off', (input: object) => (input === argument.value ? pending : Promise.resolve('other')), { includeArgs: true, includeResult: true });
    const result = wrapped(argument.value);
    expect(result).toBe(pending);
    expect(argument.accesses()).toBe(0);
  });

  it('keeps an unsampled root active, so work inside stays in its trace and unsampled', () => {
    tracing = createTestTracing({ sampler: 'parentbased_always_off' });
    let inner: SpanContext | undefined;
    let outer: SpanContext | undefined;
    const child = traced('child', () => {
      inner = trace.getActiveSpan()?.spanContext();
    });
    traced('root', () => {
      outer = trace.getActiveSpan()?.spanContext();
      child();
    })();
    expect(outer?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(outer?.traceFlags).toBe(0);
    // The child runs in the root's trace: it is neither a new root nor sampled on its own.
    expect(inner?.traceId).toBe(outer?.traceId);
    expect(inner?.traceFlags).toBe(0);
    expect(tracing.finishedSpans()).toHaveLength(0);
  });

  it('calls an unsampled child of an unsampled parent directly, in the parent trace', () => {
    tracing = createTestTracing({ sampler: 'parentbased_always_off' });
    const parent = tracing.tracer().startSpan('request');
    const parentContext = trace.setSpan(context.active(), parent);
    const seen: Array<string | undefined> = [];
    const method = traced('lookup', () => {
      seen.push(trace.getActiveSpan()?.spanContext().traceId);
      return 42;
    });
    const results = context.with(parentContext, () => [method(), method()]);
    expect(results).toEqual([42, 42]);
    expect(seen).toEqual([parent.spanContext().traceId, parent.spanContext().traceId]);
    parent.end();
    expect(tracing.finishedSpans()).toHaveLength(0);
  });
});
