import { defineConfig } from 'tsup';

// One CommonJS implementation; `scripts/write-esm-entries.mjs` adds thin ESM entry files that load
// it, so CommonJS and ESM users in one process share a single copy of the package's state.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    register: 'src/register.ts',
    testing: 'src/testing/index.ts',
    opentracing: 'src/opentracing/index.ts',
    cli: 'src/cli/main.ts',
  },
  format: ['cjs'],
  dts: { entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', opentracing: 'src/opentracing/index.ts', register: 'src/register.ts' } },
  sourcemap: true,
  // No clean: rebuilding must not delete files a running test is using; CI builds from a fresh clone.
  clean: false,
  splitting: false,
  target: 'node20',
  platform: 'node',
  skipNodeModulesBundle: true,
  outExtension: () => ({ js: '.cjs' }),
});
