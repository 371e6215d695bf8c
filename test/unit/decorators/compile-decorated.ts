import ts from 'typescript';
import { runInThisContext } from 'node:vm';
import * as decorators from '../../../src/decorators';

/** TypeScript decorator mode a fixture is compiled in. */
export type DecoratorMode = 'standard' | 'legacy';

/**
 * Compiles TypeScript source with the real TypeScript emitter in the given decorator mode and runs
 * it, with `otel-bootstrap` resolving to the decorator sources. Vitest's own transform does not
 * lower standard decorators, so this is how unit tests use real `@traceMethod()` syntax.
 */
export function compileDecorated(source: string, mode: DecoratorMode): Record<string, unknown> {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      experimentalDecorators: mode === 'legacy',
    },
  });
  const module = { exports: {} as Record<string, unknown> };
  const load = (id: string): unknown => {
    if (id === 'otel-bootstrap') return decorators;
    throw new Error(`fixture cannot load ${id}`);
  };
  const run = runInThisContext(`(function (exports, require, module) {\n${outputText}\n})`) as (
    exports: Record<string, unknown>,
    require: (id: string) => unknown,
    module: { exports: Record<string, unknown> },
  ) => void;
  run(module.exports, load, module);
  return module.exports;
}
