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

// The implementation is one CommonJS bundle, `dist/core.cjs`; the register entries are built here
// and `scripts/write-entries.mjs` writes the other thin entry files (CommonJS and ESM) that load
// it, so that the register, main and testing entries used in one process share one copy of every
// module and its state. Type declarations are emitted per public entry.
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
    // The page bundle is made by the plugin, not looked up in node_modules.
    noExternal: [/^virtual:otel-bootstrap-ui-page$/],
    esbuildPlugins: [uiPagePlugin],
    outExtension: () => ({ js: '.cjs' }),
  },
  {
    // The `--require` entry turns on the compile cache before it loads the bundle.
    ...common,
    entry: { register: 'src/register-cjs.cts' },
    format: ['cjs'],
    external: ['./core.cjs'],
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
