import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { expectInventoryOutput, type PrintedInventory } from './support/inventory-output';

const run = promisify(execFile);
const REPO_ROOT = join(__dirname, '..', '..');
const TSC = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
const BUILT = ['index.cjs', 'index.d.ts', 'testing.cjs', 'testing.d.ts'].map((file) => join(REPO_ROOT, 'dist', file));

/**
 * Compiles a fixture project with the repository's TypeScript and runs it with Node. The fixture
 * imports `otel-bootstrap` and `otel-bootstrap/testing`: the compiler finds the built declarations
 * through the fixture's `paths`, and Node resolves the package by self-reference (the fixture lies
 * inside this package, whose `exports` map points at dist/), so nothing is linked or installed.
 */
async function compileAndRun(fixture: string): Promise<{ printed: PrintedInventory; emitted: string }> {
  const missing = BUILT.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`dist/ is not built: run "npm run build" before the integration tests (missing ${missing.join(', ')}).`);
  const directory = join(REPO_ROOT, 'test', 'fixtures', fixture);
  rmSync(join(directory, 'out'), { recursive: true, force: true });
  await run(TSC, ['-p', directory], { cwd: REPO_ROOT });
  const entry = join(directory, 'out', 'main.js');
  const { stdout } = await run(process.execPath, [entry], { cwd: directory, env: { PATH: process.env.PATH ?? '' } });
  return { printed: JSON.parse(stdout) as PrintedInventory, emitted: readFileSync(entry, 'utf8') };
}

describe.each([
  { fixture: 'decorators-standard', helper: '__esDecorate' },
  { fixture: 'decorators-legacy', helper: '__decorate(' },
])('@traceMethod() compiled by tsc in $fixture', ({ fixture, helper }) => {
  it('traces methods with names, attributes, parents and redaction', async () => {
    const { printed, emitted } = await compileAndRun(fixture);
    expect(emitted).toContain(helper);
    expectInventoryOutput(printed);
  });
});
