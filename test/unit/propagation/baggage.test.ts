import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBaggage, setBaggage, withBaggage } from '../../../src/propagation/baggage';
import { extract, inject } from '../../../src/propagation/inject-extract';
import { createTestTracing, type TestTracing } from '../../../src/testing';

let tracing: TestTracing;

beforeEach(() => {
  tracing = createTestTracing();
});

afterEach(async () => {
  await tracing.shutdown();
});

describe('setBaggage / getBaggage', () => {
  it('adds entries to a context without touching the original', () => {
    const first = setBaggage({ tenant: 'acme' }, ROOT_CONTEXT);
    const second = setBaggage({ user: 'ada', tenant: 'globex' }, first);
    expect(getBaggage('tenant', first)).toBe('acme');
    expect(getBaggage('user', first)).toBeUndefined();
    expect(getBaggage('tenant', second)).toBe('globex');
    expect(getBaggage('user', second)).toBe('ada');
    expect(getBaggage('tenant', ROOT_CONTEXT)).toBeUndefined();
  });

  it('keeps metadata', () => {
    const ctx = setBaggage({ region: { value: 'eu', metadata: 'ttl=60' } }, ROOT_CONTEXT);
    expect(propagation.getBaggage(ctx)?.getEntry('region')?.metadata?.toString()).toBe('ttl=60');
    expect(inject<Record<string, string>>({}, ctx).baggage).toBe('region=eu;ttl=60');
  });

  it('defaults to the active context', () => {
    const ctx = setBaggage({ tenant: 'acme' }, ROOT_CONTEXT);
    context.with(ctx, () => {
      expect(getBaggage('tenant')).toBe('acme');
      expect(getBaggage('user', setBaggage({ user: 'ada' }))).toBe('ada');
      expect(getBaggage('tenant', setBaggage({ user: 'ada' }))).toBe('acme');
    });
  });
});

describe('withBaggage', () => {
  it('runs a function with the entries active and returns its result', () => {
    const result = withBaggage({ 'user.id': '42' }, () => inject<Record<string, string>>({}).baggage);
    expect(result).toBe('user.id=42');
    expect(getBaggage('user.id')).toBeUndefined();
  });

  it('keeps the entries across awaits', async () => {
    const value = await withBaggage({ step: 'checkout' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return getBaggage('step');
    });
    expect(value).toBe('checkout');
  });

  it('travels with extract on the other side', () => {
    const headers = withBaggage({ tenant: 'acme', note: 'a b,c' }, () => inject<Record<string, string>>({}));
    const received = extract(headers);
    expect(getBaggage('tenant', received)).toBe('acme');
    expect(getBaggage('note', received)).toBe('a b,c');
  });
});
