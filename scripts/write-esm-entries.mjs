// Writes the ESM entry files next to the CommonJS build: each re-exports the CommonJS module's
// named exports, and register.mjs also installs the ESM loader hook that instrumentations need.
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const dist = join(import.meta.dirname, '..', 'dist');
const require = createRequire(import.meta.url);

for (const entry of ['index', 'testing', 'opentracing']) {
  const names = Object.keys(require(join(dist, `${entry}.cjs`))).filter((name) => name !== 'default' && name !== '__esModule');
  const body = [
    `import cjs from './${entry}.cjs';`,
    `export const { ${names.join(', ')} } = cjs;`,
    '',
  ].join('\n');
  writeFileSync(join(dist, `${entry}.mjs`), body);
  if (existsSync(join(dist, `${entry}.d.ts`))) copyFileSync(join(dist, `${entry}.d.ts`), join(dist, `${entry}.d.mts`));
}

writeFileSync(
  join(dist, 'register.mjs'),
  [
    "import { register } from 'node:module';",
    "import { isMainThread } from 'node:worker_threads';",
    "import { createRequire } from 'node:module';",
    '',
    '// ESM modules can only be instrumented through a loader hook registered before they load.',
    "if (isMainThread) register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);",
    "createRequire(import.meta.url)('./register.cjs');",
    '',
  ].join('\n'),
);
// A build without declarations (`tsup --no-dts`, as `npm run demo` does) has none to copy.
if (existsSync(join(dist, 'register.d.ts'))) copyFileSync(join(dist, 'register.d.ts'), join(dist, 'register.d.mts'));
