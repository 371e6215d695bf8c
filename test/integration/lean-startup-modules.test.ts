/**
 * With the default (lean) instrumentations, `--require dist/register.cjs` loads neither
 * `@opentelemetry/instrumentation` nor the module hooks it brings; asking for the official HTTP
 * instrumentation loads them, which shows the check sees them when they are there.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assertBuilt, cleanEnv, REGISTER_CJS } from './support/service-process';

const HOOK_MODULES = /[\\/]node_modules[\\/](@opentelemetry[\\/]instrumentation|require-in-the-middle|import-in-the-middle)[\\/]/;

function loadedHookModules(extraEnv: Record<string, string>): string[] {
  assertBuilt();
  const script = `process.stdout.write(JSON.stringify(Object.keys(require.cache)))`;
  const outcome = spawnSync(process.execPath, ['--require', REGISTER_CJS, '-e', script], {
    env: cleanEnv({ NODE_ENV: 'production', OTEL_SERVICE_NAME: 'startup-modules', OTEL_TRACES_EXPORTER: 'none', ...extraEnv }),
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(outcome.status, outcome.stderr).toBe(0);
  const loaded = JSON.parse(outcome.stdout) as string[];
  // The register entry itself must have been loaded, or the list proves nothing.
  expect(loaded).toContain(REGISTER_CJS);
  return loaded.filter((path) => HOOK_MODULES.test(path));
}

describe('start-up modules of the register entry', () => {
  it('loads no instrumentation package or module hooks with the lean instrumentations', () => {
    expect(loadedHookModules({})).toEqual([]);
  });

  it('loads them when the official instrumentations are asked for', () => {
    const loaded = loadedHookModules({ OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: 'official' });
    expect(loaded.some((path) => path.includes('require-in-the-middle'))).toBe(true);
    expect(loaded.some((path) => /@opentelemetry[\\/]instrumentation[\\/]/.test(path))).toBe(true);
  });
});
