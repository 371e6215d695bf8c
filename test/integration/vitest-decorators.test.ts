/**
 * What docs/decorators.md says about testing decorated classes with Vitest, run: a project with
 * standard decorators (TypeScript transform plugin) and one with legacy decorators (the transform's
 * legacy setting), each testing a @traceMethod() class with createTestTracing(), importing the
 * package by name.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanEnv, REPO_ROOT } from './support/service-process';

const run = promisify(execFile);
const VITEST = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');

beforeAll(() => assertBuilt());

describe.each(['standard', 'legacy'])('vitest with %s decorators', (mode) => {
  const root = join(REPO_ROOT, 'test', 'fixtures', `decorators-vitest-${mode}`);

  it('runs the decorated class tests as the docs show', async () => {
    const { stdout } = await run(process.execPath, [VITEST, 'run', '--root', root, '--config', join(root, 'vitest.config.mts')], { cwd: root, env: cleanEnv({ NO_COLOR: '1' }), timeout: 60_000 });
    expect(stdout).toMatch(/Tests\s+2 passed \(2\)/);
  });

  it('uses the configuration the docs show', () => {
    const docs = readFileSync(join(REPO_ROOT, 'docs', 'decorators.md'), 'utf8');
    const config = readFileSync(join(root, 'vitest.config.mts'), 'utf8');
    const body = config.slice(config.indexOf('import '));
    expect(docs).toContain(body.trim());
  });
});

describe('without that configuration', () => {
  it('standard decorators do not run under Vitest, which is why the docs give one', async () => {
    const root = join(REPO_ROOT, 'test', 'fixtures', 'decorators-vitest-standard');
    const output = await run(process.execPath, [VITEST, 'run', '--root', root, '--config', join(root, 'vitest.no-transform.config.mts')], { cwd: root, env: cleanEnv({ NO_COLOR: '1' }), timeout: 60_000 }).then(
      ({ stdout }) => `passed: ${stdout}`,
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    expect(output).toContain('SyntaxError');
  });
});
