/**
 * `node --import otel-bootstrap/register app.mjs`. The package's own HTTP, Express and fetch
 * tracing needs no loader hook; when the environment asks for official or third-party
 * instrumentations, `import-in-the-middle` is installed first so that they can patch ES modules:
 * as a synchronous hook (`module.registerHooks`) where Node.js runs it correctly, else through
 * `module.register`, which Node.js 26 deprecates.
 */
import { createRequire, register } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { enableCompileCacheUnlessDisabled } from './compile-cache.js';

type Core = typeof import('./core.js');
interface SyncHooks {
  register(): void;
  supportsSyncHooks(): boolean;
}

enableCompileCacheUnlessDisabled(process.env);
const require = createRequire(import.meta.url);
const core = require('./core.cjs') as Core;

if (core.registerEntryNeedsEsmHook()) await installModuleHook();
core.startFromRegisterEntry();

async function installModuleHook(): Promise<void> {
  let instrumentationDirectory: string;
  try {
    instrumentationDirectory = dirname(require.resolve('@opentelemetry/instrumentation'));
  } catch {
    // The instrumentations themselves report the missing package when they are built.
    return;
  }
  const fromInstrumentation = createRequire(`${instrumentationDirectory}/`);
  const syncHooks = (await import(pathToFileURL(fromInstrumentation.resolve('import-in-the-middle/register-hooks.mjs')).href)) as SyncHooks;
  if (syncHooks.supportsSyncHooks()) syncHooks.register();
  else register(pathToFileURL(fromInstrumentation.resolve('@opentelemetry/instrumentation/hook.mjs')).href, import.meta.url);
}
