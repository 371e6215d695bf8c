import { expect } from 'vitest';

/**
 * What the decorator fixture program (`test/fixtures/decorators-standard/main.ts`, the same file
 * in `decorators-legacy`) prints: the results of its decorated `Inventory` methods and the spans
 * `otel-bootstrap/testing` recorded for them.
 */
export interface PrintedSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
  status: { code: number; message?: string };
}

export interface PrintedInventory {
  reserved: number;
  batches: number[];
  reserveLength: number;
  reserveName: string;
  spans: PrintedSpan[];
}

function byName(spans: PrintedSpan[], name: string): PrintedSpan {
  const found = spans.filter((span) => span.name === name);
  expect(found, name).toHaveLength(1);
  return found[0] as PrintedSpan;
}

/** Asserts the printed output: methods keep their results and shape, spans carry names, attributes, parents and redaction. */
export function expectInventoryOutput(printed: PrintedInventory): void {
  expect(printed).toMatchObject({ reserved: 2, batches: [0, 1, 2], reserveLength: 2, reserveName: 'reserve' });
  const { spans } = printed;
  expect(spans.map((span) => span.name).sort()).toEqual(
    ['Inventory.batches', 'Inventory.create', 'Inventory.fail', 'Inventory.login', 'Inventory.reserve', 'inventory.check', 'inventory.lookup'].sort(),
  );

  const create = byName(spans, 'Inventory.create');
  expect(create.attributes).toEqual({ 'code.function.name': 'Inventory.create', 'code.namespace': 'Inventory' });

  const reserve = byName(spans, 'Inventory.reserve');
  const check = byName(spans, 'inventory.check');
  const lookup = byName(spans, 'inventory.lookup');
  expect(reserve.parentSpanId).toBeUndefined();
  expect(check.parentSpanId).toBe(reserve.spanId);
  expect(lookup.parentSpanId).toBe(check.spanId);
  expect(check.attributes).toEqual({ 'code.function.name': 'Inventory.check', 'code.namespace': 'Inventory', 'function.args.0': 'sku-1' });

  expect(byName(spans, 'Inventory.login').attributes).toMatchObject({
    'function.args.0': 'ann',
    'function.args.1': '[REDACTED]',
    'function.args.2': '{"token":"[REDACTED]","city":"Oslo"}',
  });
  expect(JSON.stringify(spans)).not.toContain('hunter2');

  const fail = byName(spans, 'Inventory.fail');
  expect(fail.status).toEqual({ code: 2, message: 'out of stock' });
  expect(fail.attributes['error.type']).toBe('RangeError');
}
