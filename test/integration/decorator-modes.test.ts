import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REPO_ROOT = join(__dirname, '..', '..');
const TSC = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
const BUILT = ['index.cjs', 'index.d.ts', 'testing.cjs', 'testing.d.ts'].map((file) => join(REPO_ROOT, 'dist', file));

interface PrintedSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
  status: { code: number; message?: string };
}
interface Printed {
  reserved: number;
  batches: number[];
  reserveLength: number;
  reserveName: string;
  spans: PrintedSpan[];
}

/**
 * Compiles a fixture project with the repository's TypeScript and runs it with Node. The fixture
 * imports `otel-bootstrap` and `otel-bootstrap/testing`: the compiler finds the built declarations
 * through the fixture's `paths`, and Node resolves the package by self-reference (the fixture lies
 * inside this package, whose `exports` map points at dist/), so nothing is linked or installed.
 */
async function compileAndRun(fixture: string): Promise<{ printed: Printed; emitted: string }> {
  const missing = BUILT.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`dist/ is not built: run "npm run build" before the integration tests (missing ${missing.join(', ')}).`);
  const directory = join(REPO_ROOT, 'test', 'fixtures', fixture);
  rmSync(join(directory, 'out'), { recursive: true, force: true });
  await run(TSC, ['-p', directory], { cwd: REPO_ROOT });
  const entry = join(directory, 'out', 'main.js');
  const { stdout } = await run(process.execPath, [entry], { cwd: directory, env: { PATH: process.env.PATH ?? '' } });
  return { printed: JSON.parse(stdout) as Printed, emitted: readFileSync(entry, 'utf8') };
}

function byName(spans: PrintedSpan[], name: string): PrintedSpan {
  const found = spans.filter((span) => span.name === name);
  expect(found, name).toHaveLength(1);
  return found[0] as PrintedSpan;
}

describe.each([
  { fixture: 'decorators-standard', helper: '__esDecorate' },
  { fixture: 'decorators-legacy', helper: '__decorate(' },
])('@traceMethod() compiled by tsc in $fixture', ({ fixture, helper }) => {
  it('traces methods with names, attributes, parents and redaction', async () => {
    const { printed, emitted } = await compileAndRun(fixture);
    expect(emitted).toContain(helper);
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
  });
});
