import { describe, expect, it, afterEach, beforeEach } from 'vitest';
import { traceMethod } from '../../../src/decorators';
import { createTestTracing, type TestTracing } from '../../../src/testing';

type Method = (this: unknown, ...args: unknown[]) => unknown;

function ownMethod(holder: object, key: string): Method {
  return Object.getOwnPropertyDescriptor(holder, key)?.value as Method;
}

function methodContext(name: string | symbol, options: { static?: boolean; private?: boolean; kind?: string } = {}) {
  const initializers: Array<(this: unknown) => void> = [];
  const context = {
    kind: options.kind ?? 'method',
    name,
    static: options.static ?? false,
    private: options.private ?? false,
    access: { has: () => true, get: () => undefined },
    metadata: undefined,
    addInitializer: (initializer: (this: unknown) => void) => initializers.push(initializer),
  };
  return { context: context as unknown as ClassMethodDecoratorContext, runInitializers: (thisArg: unknown) => initializers.forEach((init) => init.call(thisArg)) };
}

describe('traceMethod() called by hand in each mode', () => {
  let tracing: TestTracing;
  beforeEach(() => {
    tracing = createTestTracing();
  });
  afterEach(async () => {
    await tracing.shutdown();
  });

  it('detects the standard signature from a context object', () => {
    class Cart {
      total(this: Cart, a: number, b: number): number {
        return a + b;
      }
    }
    const { context } = methodContext('total');
    const wrapped = traceMethod()(ownMethod(Cart.prototype, 'total'), context) as Method;
    Object.defineProperty(Cart.prototype, 'total', { value: wrapped });
    expect(new Cart().total(1, 2)).toBe(3);
    expect(tracing.spansNamed('Cart.total')).toHaveLength(1);
  });

  it('names static methods after their class through the static initializer', () => {
    class Registry {
      static lookup(): string {
        return 'found';
      }
    }
    const { context, runInitializers } = methodContext('lookup', { static: true });
    const wrapped = traceMethod()(ownMethod(Registry, 'lookup'), context) as Method;
    runInitializers(Registry);
    expect(wrapped.call(undefined)).toBe('found');
    expect(tracing.spansNamed('Registry.lookup')).toHaveLength(1);
  });

  it('names private methods after the instance class', () => {
    class Vault {
      open(): string {
        return 'open';
      }
    }
    const { context } = methodContext('#open', { private: true });
    const wrapped = traceMethod()(ownMethod(Vault.prototype, 'open'), context) as Method;
    expect(wrapped.call(new Vault())).toBe('open');
    expect(tracing.spansNamed('Vault.#open')).toHaveLength(1);
  });

  it('detects the legacy signature and returns a descriptor', () => {
    class Ledger {
      add(this: Ledger, amount: number): number {
        return amount;
      }
      static audit(): string {
        return 'ok';
      }
    }
    const instanceDescriptor = Object.getOwnPropertyDescriptor(Ledger.prototype, 'add') as PropertyDescriptor;
    const decorated = traceMethod('ledger.add')(Ledger.prototype, 'add', instanceDescriptor);
    Object.defineProperty(Ledger.prototype, 'add', decorated);
    const staticDescriptor = Object.getOwnPropertyDescriptor(Ledger, 'audit') as PropertyDescriptor;
    Object.defineProperty(Ledger, 'audit', traceMethod()(Ledger, 'audit', staticDescriptor));
    expect(new Ledger().add(5)).toBe(5);
    expect(Ledger.audit()).toBe('ok');
    expect(tracing.spansNamed('ledger.add')[0]?.attributes['code.function.name']).toBe('Ledger.add');
    expect(tracing.spansNamed('Ledger.audit')).toHaveLength(1);
    expect(decorated.enumerable).toBe(false);
  });

  it('names symbol-keyed methods', () => {
    const key = Symbol('describe');
    class Item {
      [key](): string {
        return 'item';
      }
    }
    const descriptor = Object.getOwnPropertyDescriptor(Item.prototype, key) as PropertyDescriptor;
    Object.defineProperty(Item.prototype, key, traceMethod()(Item.prototype, key, descriptor));
    expect(new Item()[key]()).toBe('item');
    expect(tracing.spansNamed('Item.[describe]')).toHaveLength(1);
  });

  it('rejects anything that is not a method', () => {
    expect(() => traceMethod()(undefined as unknown as Method, methodContext('field', { kind: 'field' }).context)).toThrow(/decorates methods only; it was applied to a field/);
    const target = {};
    Object.defineProperty(target, 'value', { value: 1 });
    expect(() => traceMethod()(target, 'value', Object.getOwnPropertyDescriptor(target, 'value') as PropertyDescriptor)).toThrow(/not a method/);
    expect(() => traceMethod(((): void => undefined) as unknown as string)).toThrow(/with parentheses/);
    expect(() => traceMethod({ name: '' })).toThrow(/"name"/);
    const decorate = traceMethod() as unknown as (...args: unknown[]) => unknown;
    expect(() => decorate(1, 2)).toThrow(/must be applied to a class method/);
  });
});
