import { defineConfig } from 'tsup';

// The implementation is one CommonJS bundle, `dist/core.cjs`; `scripts/write-entries.mjs` writes
// the thin entry files (CommonJS and ESM) that load it, so that the register, main and testing
// entries used in one process share one copy of every module and its state. Type declarations are
// emitted per public entry.
const common = {
  sourcemap: true,
  // No clean: rebuilding must not delete files a running test is using; CI builds from a fresh clone.
  clean: false,
  splitting: false,
  target: 'node22',
  platform: 'node',
  skipNodeModulesBundle: true,
} as const;

// `npm run build:js` (the demo's build) skips the declarations, which take most of the build's time.
const withTypes = process.env.OTEL_BOOTSTRAP_BUILD_TYPES !== 'false';

export default defineConfig([
  {
    ...common,
    entry: { core: 'src/core.ts', cli: 'src/cli/main.ts' },
    format: ['cjs'],
    dts: withTypes ? { entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', opentracing: 'src/opentracing/index.ts', register: 'src/register.ts' } } : false,
    outExtension: () => ({ js: '.cjs' }),
  },
  {
    // The `--import` entry is ES module code of its own: it may install a loader hook before tracing starts.
    ...common,
    entry: { register: 'src/register-esm.mts' },
    format: ['esm'],
    external: ['./core.cjs'],
    outExtension: () => ({ js: '.mjs' }),
  },
]);
