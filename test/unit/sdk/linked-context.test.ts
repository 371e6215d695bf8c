import { ROOT_CONTEXT, createContextKey, trace, type Context } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONTEXT, withValue } from '../../../src/context/linked-context';
import { contextWithSpan } from '../../../src/context/span-in-context';

const KEYS = [createContextKey('a'), createContextKey('b'), createContextKey('c'), createContextKey('d')];

type Operation = { kind: 'set'; key: number; value: number } | { kind: 'delete'; key: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: KEYS.length - 1 }), value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: KEYS.length - 1 }) }),
);

function apply(context: Context, step: Operation, linked: boolean): Context {
  const key = KEYS[step.key] as symbol;
  if (step.kind === 'delete') return context.deleteValue(key);
  return linked ? withValue(context, key, step.value) : context.setValue(key, step.value);
}

const valuesOf = (context: Context): unknown[] => KEYS.map((key) => context.getValue(key));

describe('linked context', () => {
  it('reads what the API context reads after any sequence of sets and deletes, past the fold depth', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 20, maxLength: 60 }), fc.boolean(), (steps, fromEmpty) => {
        let expected: Context = ROOT_CONTEXT;
        let actual: Context = fromEmpty ? EMPTY_CONTEXT : ROOT_CONTEXT;
        for (const step of steps) {
          expected = apply(expected, step, false);
          actual = apply(actual, step, true);
          expect(valuesOf(actual)).toEqual(valuesOf(expected));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never changes the context it was derived from', () => {
    const base = withValue(ROOT_CONTEXT, KEYS[0] as symbol, 'base');
    const child = withValue(base, KEYS[0] as symbol, 'child');
    const removed = child.deleteValue(KEYS[0] as symbol);
    expect(base.getValue(KEYS[0] as symbol)).toBe('base');
    expect(child.getValue(KEYS[0] as symbol)).toBe('child');
    expect(removed.getValue(KEYS[0] as symbol)).toBeUndefined();
    expect(ROOT_CONTEXT.getValue(KEYS[0] as symbol)).toBeUndefined();
  });

  it('reads values of any base context and keeps every value through folds', () => {
    let context: Context = ROOT_CONTEXT.setValue(KEYS[3] as symbol, 'from base');
    context = withValue(context, KEYS[2] as symbol, 'set once');
    context = withValue(context, KEYS[1] as symbol, 'to delete');
    context = context.deleteValue(KEYS[1] as symbol);
    for (let index = 0; index < 100; index += 1) context = withValue(context, KEYS[0] as symbol, index);
    expect(valuesOf(context)).toEqual([99, undefined, 'set once', 'from base']);
  });

  it('holds spans where the API looks for them', () => {
    const span = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 });
    const context = contextWithSpan(EMPTY_CONTEXT, span);
    expect(trace.getSpan(context)).toBe(span);
    expect(trace.getSpan(trace.deleteSpan(context))).toBeUndefined();
    expect(trace.getSpan(EMPTY_CONTEXT)).toBeUndefined();
  });
});
