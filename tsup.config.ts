import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

const PAGE_DIR = join(__dirname, 'src', 'cli', 'ui', 'page');

/**
 * `virtual:otel-bootstrap-ui-page`: the web page of `ui` and `view` (plain TypeScript and CSS),
 * bundled for the browser and inlined into the command-line bundle as text, so `view` can write
 * it into one self-contained HTML file.
 */
const uiPagePlugin: Plugin = {
  name: 'otel-bootstrap-ui-page',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^virtual:otel-bootstrap-ui-page$/ }, (args) => ({ path: args.path, namespace: 'otel-bootstrap-ui-page' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'otel-bootstrap-ui-page' }, async () => {
      const bundle = await build({
        entryPoints: [join(PAGE_DIR, 'main.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        minify: true,
        legalComments: 'none',
        metafile: true,
      });
      const script = bundle.outputFiles[0]?.text ?? '';
      const style = readFileSync(join(PAGE_DIR, 'style.css'), 'utf8');
      return {
        contents: `export const pageScript = ${JSON.stringify(script)};\nexport const pageStyle = ${JSON.stringify(style)};\n`,
        loader: 'js',
        watchFiles: [...Object.keys(bundle.metafile.inputs).map((input) => join(__dirname, input)), join(PAGE_DIR, 'style.css')],
      };
    });
  },
};

// One CommonJS implementation; `scripts/write-esm-entries.mjs` adds thin ESM entry files that load
// it, so CommonJS and ESM users in one process share a single copy of the package's state.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    register: 'src/register.ts',
    testing: 'src/testing/index.ts',
    cli: 'src/cli/main.ts',
  },
  format: ['cjs'],
  dts: { entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', register: 'src/register.ts' } },
  sourcemap: true,
  // No clean: rebuilding must not delete files a running test is using; CI builds from a fresh clone.
  clean: false,
  splitting: false,
  target: 'node20',
  platform: 'node',
  skipNodeModulesBundle: true,
  noExternal: [/^virtual:otel-bootstrap-ui-page$/],
  esbuildPlugins: [uiPagePlugin],
  outExtension: () => ({ js: '.cjs' }),
});
