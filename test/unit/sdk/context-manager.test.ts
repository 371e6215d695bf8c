import { EventEmitter } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { AsyncLocalContextManager } from '../../../src/sdk/context-manager';

const KEY = createContextKey('test key');
const contextWith = (value: string) => ROOT_CONTEXT.setValue(KEY, value);
const valueIn = (manager: AsyncLocalContextManager) => manager.active().getValue(KEY);

describe('AsyncLocalContextManager', () => {
  it('is the root context outside with() and the given context inside, nested and restored', () => {
    const manager = new AsyncLocalContextManager().enable();
    expect(manager.active()).toBe(ROOT_CONTEXT);
    const seen = manager.with(contextWith('outer'), () => {
      const inner = manager.with(contextWith('inner'), () => valueIn(manager));
      return [valueIn(manager), inner, valueIn(manager)];
    });
    expect(seen).toEqual(['outer', 'inner', 'outer']);
    expect(manager.active()).toBe(ROOT_CONTEXT);
  });

  it('passes this and arguments through with()', () => {
    const manager = new AsyncLocalContextManager();
    const owner = { factor: 3 };
    const result = manager.with(contextWith('x'), function (this: typeof owner, value: number) {
      return this.factor * value;
    }, owner, 5);
    expect(result).toBe(15);
  });

  it('follows awaits, timers and promises started inside with()', async () => {
    const manager = new AsyncLocalContextManager();
    const seen = await manager.with(contextWith('async'), async () => {
      await nextTurn();
      const fromTimer = await new Promise((resolve) => setTimeout(() => resolve(valueIn(manager)), 1));
      const fromPromise = await Promise.resolve().then(() => valueIn(manager));
      return [valueIn(manager), fromTimer, fromPromise];
    });
    expect(seen).toEqual(['async', 'async', 'async']);
    expect(manager.active()).toBe(ROOT_CONTEXT);
  });

  it('binds functions to a context, keeping this, arguments and length', () => {
    const manager = new AsyncLocalContextManager();
    const bound = manager.bind(contextWith('bound'), function (this: { name: string }, a: number, b: number) {
      return `${this.name}:${a + b}:${String(valueIn(manager))}`;
    });
    expect(bound.length).toBe(2);
    expect(manager.with(contextWith('caller'), () => bound.call({ name: 'me' }, 1, 2))).toBe('me:3:bound');
    expect(manager.bind(contextWith('x'), 42)).toBe(42);
  });

  it('binds event emitters: listeners run in the bound context and can still be removed', () => {
    const manager = new AsyncLocalContextManager();
    const emitter = manager.bind(contextWith('emitter'), new EventEmitter());
    const seen: unknown[] = [];
    const listener = () => seen.push(valueIn(manager));
    emitter.on('event', listener);
    emitter.once('once', listener);
    emitter.prependListener('event', () => seen.push('first'));
    manager.with(contextWith('emit site'), () => {
      emitter.emit('event');
      emitter.emit('once');
      emitter.emit('once');
    });
    expect(seen).toEqual(['first', 'emitter', 'emitter']);
    emitter.removeListener('event', listener);
    expect(emitter.listenerCount('event')).toBe(1);
    emitter.once('other', listener);
    emitter.off('other', listener);
    expect(emitter.listenerCount('other')).toBe(0);
    emitter.on('event', listener);
    emitter.removeAllListeners('event');
    expect(emitter.listenerCount('event')).toBe(0);
    emitter.on('a', listener);
    emitter.removeAllListeners();
    expect(emitter.eventNames()).toEqual([]);
  });

  it('patches an emitter once, so binding again keeps the first context', () => {
    const manager = new AsyncLocalContextManager();
    const emitter = new EventEmitter();
    manager.bind(contextWith('first'), emitter);
    expect(manager.bind(contextWith('second'), emitter)).toBe(emitter);
    let seen: unknown;
    emitter.on('e', () => (seen = valueIn(manager)));
    emitter.emit('e');
    expect(seen).toBe('first');
  });

  it('forgets the active context when disabled', () => {
    const manager = new AsyncLocalContextManager();
    manager.with(contextWith('x'), () => {
      manager.disable();
      expect(manager.active()).toBe(ROOT_CONTEXT);
    });
  });
});
