/**
 * A service started with `--require otel-bootstrap/register` that also imports the main entry and
 * the testing entry holds one copy of each module: every class of the package is defined in
 * exactly one loaded file, and both entries see the manager the register entry started.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, cleanEnv, REGISTER_CJS, REPO_ROOT } from './support/service-process';

const DIST = join(REPO_ROOT, 'dist');

describe('one copy of each module per process', () => {
  it('loads every class once across the register, main and testing entries', () => {
    assertBuilt();
    const script = [
      `const main = require(${JSON.stringify(join(DIST, 'index.cjs'))});`,
      `require(${JSON.stringify(join(DIST, 'testing.cjs'))});`,
      `const loaded = Object.keys(require.cache).filter((file) => file.startsWith(${JSON.stringify(DIST)}));`,
      'process.stdout.write(JSON.stringify({ loaded, sameManager: main.getTracingManager() !== undefined && main.init() === main.getTracingManager() }));',
    ].join('\n');
    const outcome = spawnSync(process.execPath, ['--require', REGISTER_CJS, '-e', script], {
      env: cleanEnv({ NODE_ENV: 'production', OTEL_SERVICE_NAME: 'one-copy', OTEL_TRACES_EXPORTER: 'none' }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(outcome.status, outcome.stderr).toBe(0);
    const { loaded, sameManager } = JSON.parse(outcome.stdout) as { loaded: string[]; sameManager: boolean };
    expect(sameManager).toBe(true);
    expect(loaded).toEqual(expect.arrayContaining([REGISTER_CJS, join(DIST, 'index.cjs'), join(DIST, 'testing.cjs')]));

    const definitions = new Map<string, string[]>();
    for (const file of loaded) {
      for (const match of readFileSync(file, 'utf8').matchAll(/^\s*(?:var )?(\w+) = (?:exports\.\w+ = )?class\b/gm)) {
        const name = match[1] as string;
        definitions.set(name, [...(definitions.get(name) ?? []), file]);
      }
    }
    // The check must see the package's core classes, or it proves nothing.
    expect([...definitions.keys()]).toEqual(expect.arrayContaining(['LeanTracerProvider', 'RecordingSpan', 'TracingManager']));
    const repeated = [...definitions].filter(([, files]) => files.length > 1);
    expect(repeated).toEqual([]);
  });
});
