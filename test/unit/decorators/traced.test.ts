import { SpanStatusCode } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED } from '../../../src/config/describe';
import { traced, withSpan } from '../../../src/decorators';
import { createTestTracing, type TestTracing } from '../../../src/testing';

describe('traced()', () => {
  let tracing: TestTracing;
  beforeEach(() => {
    tracing = createTestTracing();
  });
  afterEach(async () => {
    await tracing.shutdown();
  });

  it('wraps a function keeping this, name, length and the return value', () => {
    function greet(this: { greeting: string }, name: string, punctuation: string): string {
      return `${this.greeting} ${name}${punctuation}`;
    }
    const wrapped = traced('greeting', greet);
    expect(wrapped.name).toBe('greet');
    expect(wrapped.length).toBe(2);
    expect(wrapped.call({ greeting: 'hi' }, 'ann', '!')).toBe('hi ann!');
    const [span] = tracing.spansNamed('greeting');
    expect(span?.attributes['code.function.name']).toBe('greet');
  });

  it('uses the span name as function name for anonymous functions', () => {
    traced('anon.work', (() => () => 1)())();
    expect(tracing.spansNamed('anon.work')[0]?.attributes['code.function.name']).toBe('anon.work');
  });

  it('records redacted arguments with a mapper and by index', () => {
    const mapped = traced('mapped', (user: { id: string; token: string }) => user.id, {
      includeArgs: (args) => ({ 'user.id': (args[0] as { id: string }).id, 'user.token': (args[0] as { token: string }).token, count: args.length }),
    });
    mapped({ id: 'u1', token: 'tkn' });
    expect(tracing.spansNamed('mapped')[0]?.attributes).toMatchObject({ 'user.id': 'u1', 'user.token': REDACTED, count: 1 });

    const indexed = traced('indexed', (a: string, b: { password: string }, c: number) => a + b.password + c, { includeArgs: [0, 1, 5] });
    indexed('x', { password: 'p' }, 3);
    const attributes = tracing.spansNamed('indexed')[0]?.attributes ?? {};
    expect(attributes['function.args.0']).toBe('x');
    expect(attributes['function.args.1']).toBe(`{"password":"${REDACTED}"}`);
    expect(attributes['function.args.2']).toBeUndefined();
  });

  it('never lets a failing mapper reach the caller', () => {
    const wrapped = traced('mapper.fails', () => 'value', {
      includeArgs: () => {
        throw new Error('mapper bug');
      },
    });
    expect(wrapped()).toBe('value');
    expect(tracing.spansNamed('mapper.fails')).toHaveLength(1);
  });

  it('redacts secret-named parameters with includeArgs: true', () => {
    const login = traced('login', (user: string, password: string, ...sessionTokens: string[]) => user + password + sessionTokens.join(), { includeArgs: true });
    login('ann', 'hunter2', 't1', 't2');
    expect(tracing.spansNamed('login')[0]?.attributes).toMatchObject({
      'function.args.0': 'ann',
      'function.args.1': REDACTED,
      'function.args.2': REDACTED,
      'function.args.3': REDACTED,
    });
  });

  it('ends the span when a non-native thenable settles', async () => {
    const thenable = {
      then(resolve: (value: string) => void): void {
        setTimeout(() => resolve('later'), 1);
      },
    };
    const wrapped = traced('thenable', () => thenable, { includeResult: true });
    const result = wrapped() as unknown as PromiseLike<string>;
    expect(tracing.spansNamed('thenable')).toHaveLength(0);
    await new Promise<void>((resolve) => {
      void Promise.resolve(result).then(() => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(tracing.spansNamed('thenable')[0]?.attributes['function.result']).toBe('later');
  });

  it('returns a promise that settles like the original and keeps unhandled rejections visible', async () => {
    const error = new Error('forgotten');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      void traced('forgotten', () => Promise.reject(error))();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([error]);
    expect(tracing.spansNamed('forgotten')[0]?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('records results, execution time and OK status', async () => {
    const wrapped = traced('compute', (n: number) => Promise.resolve({ doubled: n * 2, big: 10n }), { includeResult: true, recordExecutionTime: true, setOkStatus: true });
    await expect(wrapped(4)).resolves.toEqual({ doubled: 8, big: 10n });
    const [span] = tracing.spansNamed('compute');
    expect(span?.attributes['function.result']).toBe('{"doubled":8,"big":10n}');
    expect(typeof span?.attributes['function.duration_ms']).toBe('number');
    expect(span?.status.code).toBe(SpanStatusCode.OK);
  });

  it('validates its arguments and options', () => {
    expect(() => traced('', () => 1)).toThrow(TypeError);
    expect(() => traced('x', 1 as unknown as () => number)).toThrow(TypeError);
    expect(() => traced('x', () => 1, { maxValueLength: 0 })).toThrow(/maxValueLength/);
    expect(() => traced('x', () => 1, { includeArgs: [-1] })).toThrow(/includeArgs/);
    expect(() => traced('x', () => 1, { redact: [1 as unknown as string] })).toThrow(/redact/);
  });

  it('nests traced functions and withSpan blocks', async () => {
    const leaf = traced('leaf', () => Promise.resolve('leaf'));
    const root = traced('root', async () => withSpan('middle', { step: 1 }, async () => leaf()));
    await root();
    expect(tracing.namedTree()).toEqual([{ name: 'root', children: [{ name: 'middle', children: [{ name: 'leaf', children: [] }] }] }]);
  });
});
