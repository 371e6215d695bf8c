import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED } from '../../../src/config/describe';
import { createTestTracing, type TestTracing } from '../../../src/testing';
import { compileDecorated, type DecoratorMode } from './compile-decorated';
import { SERVICE_SOURCE } from './service-fixture';

interface Service {
  create(id: string, quantity: number): string;
  load(id: string): Promise<{ id: string }>;
  outer(id: string): Promise<string>;
  fail(error: unknown): never;
  failLater(error: unknown): Promise<never>;
  items(count: number): Generator<number, string, undefined>;
  stream(count: number): AsyncGenerator<number, void, undefined>;
  login(user: unknown, password: string): { session: string; ok: boolean };
  ok(): number;
  byUser(userId: string, note: string): string;
}
interface ServiceClass {
  new (prefix?: string): Service;
  create(prefix: string): Service;
  prototype: Service;
}

function only(tracing: TestTracing, name: string): ReadableSpan {
  const spans = tracing.spansNamed(name);
  expect(spans).toHaveLength(1);
  return spans[0] as ReadableSpan;
}

describe.each<DecoratorMode>(['standard', 'legacy'])('@traceMethod() with %s decorators', (mode) => {
  const compiled = compileDecorated(SERVICE_SOURCE, mode);
  const OrderService = compiled.OrderService as ServiceClass;
  const SpecialOrderService = compiled.SpecialOrderService as ServiceClass;
  const ValidationError = compiled.ValidationError as new (message: string) => Error;
  let tracing: TestTracing;

  beforeEach(() => {
    tracing = createTestTracing();
  });
  afterEach(async () => {
    await tracing.shutdown();
  });

  it('names the span ClassName.methodName and records code attributes', () => {
    expect(new OrderService().create('a', 2)).toBe('order:a:2');
    const span = only(tracing, 'OrderService.create');
    expect(span.attributes).toMatchObject({ 'code.function.name': 'OrderService.create', 'code.namespace': 'OrderService' });
    expect(span.kind).toBe(SpanKind.INTERNAL);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.instrumentationScope.name).toBe('otel-bootstrap');
  });

  it('uses the defining class for inherited and static methods', () => {
    new SpecialOrderService().create('b', 1);
    const created = OrderService.create('x');
    expect(created).toBeInstanceOf(OrderService);
    expect(tracing.spansNamed('OrderService.create')).toHaveLength(2);
    expect(tracing.spansNamed('SpecialOrderService.create')).toHaveLength(0);
  });

  it('keeps this, name and length of the method', () => {
    const service = new OrderService('custom');
    expect(service.create('id', 3)).toBe('custom:id:3');
    expect(OrderService.prototype.create.name).toBe('create');
    expect(OrderService.prototype.create.length).toBe(2);
    expect(OrderService.prototype.login.length).toBe(2);
    expect(OrderService.create.name).toBe('create');
  });

  it('uses a given span name and ends async spans when the promise settles', async () => {
    const pending = new OrderService().load('7');
    expect(tracing.spansNamed('orders.load')).toHaveLength(0);
    await expect(pending).resolves.toEqual({ id: '7' });
    expect(only(tracing, 'orders.load').attributes['code.function.name']).toBe('OrderService.load');
  });

  it('parents nested decorated calls and withSpan blocks under the caller', async () => {
    await new OrderService().outer('9');
    expect(tracing.namedTree()).toEqual([
      { name: 'OrderService.outer', children: [{ name: 'orders.load', children: [] }, { name: 'outer.block', children: [] }] },
    ]);
  });

  it('keeps 100 concurrent async calls under their own parents', async () => {
    const service = new OrderService();
    const parent = tracing.tracer('test');
    await Promise.all(
      Array.from({ length: 100 }, (_, index) => {
        const root = parent.startSpan(`root-${index}`);
        return context.with(trace.setSpan(context.active(), root), async () => {
          await service.outer(String(index));
          root.end();
        });
      }),
    );
    const roots = tracing.spanTree();
    expect(roots).toHaveLength(100);
    for (const root of roots) {
      const index = root.name.slice('root-'.length);
      expect(root.children.map((child) => child.name)).toEqual(['OrderService.outer']);
      const outer = root.children[0];
      expect(outer?.children.map((child) => child.name)).toEqual(['orders.load', 'outer.block']);
      expect(outer?.span.spanContext().traceId).toBe(root.span.spanContext().traceId);
      expect(index).toMatch(/^\d+$/);
    }
  });

  it('records a sync error and rethrows the same object', () => {
    const error = new ValidationError('bad order');
    let caught: unknown;
    try {
      new OrderService().fail(error);
    } catch (thrown) {
      caught = thrown;
    }
    expect(caught).toBe(error);
    const span = only(tracing, 'OrderService.fail');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad order' });
    expect(span.attributes['error.type']).toBe('ValidationError');
    const event = span.events.find((candidate) => candidate.name === 'exception');
    expect(event?.attributes).toMatchObject({ 'exception.message': 'bad order', 'exception.type': 'Error' });
    expect(String(event?.attributes?.['exception.stacktrace'])).toContain('bad order');
  });

  it('records an async rejection and rejects with the same object', async () => {
    const error = new TypeError('late');
    await expect(new OrderService().failLater(error)).rejects.toBe(error);
    const span = only(tracing, 'OrderService.failLater');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('TypeError');
  });

  it('records thrown non-errors by type', () => {
    expect(() => new OrderService().fail('plain')).toThrow('plain');
    const span = only(tracing, 'OrderService.fail');
    expect(span.attributes['error.type']).toBe('string');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'plain' });
  });

  it('covers a generator until it completes and parents work done while iterating', () => {
    const generator = new OrderService().items(2);
    expect(tracing.spansNamed('OrderService.items')).toHaveLength(0);
    expect([...generator]).toEqual([9, 9]);
    expect(tracing.namedTree()).toEqual([
      { name: 'OrderService.items', children: [{ name: 'OrderService.create', children: [] }, { name: 'OrderService.create', children: [] }] },
    ]);
    expect(Object.prototype.toString.call(generator)).toBe('[object Generator]');
  });

  it('ends a generator span on early return', () => {
    for (const value of new OrderService().items(5)) {
      expect(value).toBe(9);
      break;
    }
    const span = only(tracing, 'OrderService.items');
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(tracing.spansNamed('OrderService.create')).toHaveLength(1);
  });

  it('ends a generator span as an error when throw() is not handled', () => {
    const generator = new OrderService().items(5);
    generator.next();
    const error = new Error('stop');
    expect(() => generator.throw(error)).toThrow(error);
    expect(only(tracing, 'OrderService.items').status).toEqual({ code: SpanStatusCode.ERROR, message: 'stop' });
  });

  it('covers an async generator and ends it on early return', async () => {
    const seen: number[] = [];
    for await (const value of new OrderService().stream(3)) seen.push(value);
    expect(seen).toEqual([1, 1, 1]);
    expect(tracing.namedTree()).toEqual([
      {
        name: 'OrderService.stream',
        children: [
          { name: 'orders.load', children: [] },
          { name: 'orders.load', children: [] },
          { name: 'orders.load', children: [] },
        ],
      },
    ]);
    tracing.reset();
    for await (const value of new OrderService().stream(3)) {
      expect(value).toBe(1);
      break;
    }
    expect(tracing.spansNamed('OrderService.stream')).toHaveLength(1);
  });

  it('records arguments and result with nested secrets redacted and values cut', () => {
    const user = { name: 'ann', profile: { password: 'hunter2', apiKey: 'k-123', extra: 'x'.repeat(100) } };
    new OrderService().login(user, 'hunter2');
    const { attributes } = only(tracing, 'OrderService.login');
    const first = String(attributes['function.args.0']);
    expect(first).not.toContain('hunter2');
    expect(first).not.toContain('k-123');
    expect(first).toContain(`{"name":"ann","profile":{"password":"${REDACTED}","apiKey":"${REDACTED}","extra":"xxx`);
    expect(first.endsWith('…[truncated]')).toBe(true);
    expect(first.length).toBe(100 + '…[truncated]'.length);
    expect(attributes['function.args.1']).toBe(REDACTED);
    expect(attributes['function.result']).toBe(`{"session":"${REDACTED}","ok":true}`);
  });

  it('sets OK, kind, static attributes and hashes listed keys', () => {
    new OrderService().ok();
    const span = only(tracing, 'OrderService.ok');
    expect(span.status.code).toBe(SpanStatusCode.OK);
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.attributes['app.tier']).toBe('gold');
    expect(span.attributes['user.email']).toMatch(/^[0-9a-f]{12}$/);
    new OrderService().byUser('user-1', '!');
    new OrderService().byUser('user-1', '?');
    const [first, second] = tracing.spansNamed('OrderService.byUser');
    expect(first?.attributes['function.args.0']).toMatch(/^[0-9a-f]{12}$/);
    expect(first?.attributes['function.args.0']).toBe(second?.attributes['function.args.0']);
    expect(first?.attributes['function.args.1']).toBeUndefined();
  });
});
