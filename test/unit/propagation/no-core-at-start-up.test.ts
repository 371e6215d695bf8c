import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE_ROOT = resolve(__dirname, '../../../src');

/** Whether an `import`/`export … from` statement loads nothing at runtime (`import type`, or only `type` names). */
function isTypeOnly(statement: string): boolean {
  if (/^(?:import|export)\s+type\s/.test(statement)) return true;
  const named = /^(?:import|export)\s*\{([^}]*)\}\s*from/.exec(statement);
  if (named === null) return false;
  const names = (named[1] as string).split(',').map((name) => name.trim()).filter((name) => name !== '');
  return names.every((name) => name.startsWith('type '));
}

/**
 * The packages and files a source file loads when it is required: its top-level `import … from`
 * and `export … from` statements that are not type-only. A `require()` inside a function (the
 * lazy loading of optional packages) runs only when called and is not listed.
 */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)';/gms)) {
    if (!isTypeOnly(match[0])) specifiers.push(match[1] as string);
  }
  return specifiers;
}

/** Every source file and package reached from `entry` through runtime imports. */
function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  for (let guard = 0; pending.length > 0 && guard < 10_000; guard += 1) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of runtimeImports(file)) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const base = resolve(dirname(file), specifier);
      const target = [`${base}.ts`, resolve(base, 'index.ts')].find((candidate) => existsSync(candidate));
      if (target !== undefined) pending.push(target);
    }
  }
  return { files, packages };
}

describe('start-up cost of the propagators', () => {
  it('create-propagator loads no @opentelemetry/core at runtime', () => {
    const { files, packages } = reachable(resolve(SOURCE_ROOT, 'propagation/create-propagator.ts'));
    expect(files.size).toBeGreaterThan(5);
    expect([...packages]).toContain('@opentelemetry/api');
    expect([...packages].filter((name) => name.startsWith('@opentelemetry/') && name !== '@opentelemetry/api')).toEqual([]);
  });

  it('the import scan sees a runtime import of core where there is one', () => {
    const { packages } = reachable(resolve(__dirname, 'fixtures/imports-core.ts'));
    expect([...packages]).toContain('@opentelemetry/core');
  });

  it('inject-extract, carriers, baggage and messaging load no @opentelemetry/core either', () => {
    for (const file of ['inject-extract.ts', 'carriers.ts', 'baggage.ts']) {
      const { packages } = reachable(resolve(SOURCE_ROOT, 'propagation', file));
      expect([...packages]).not.toContain('@opentelemetry/core');
    }
  });
});
