import { isMainThread } from 'node:worker_threads';
import { resolveConfig } from './config/resolve';
import { init } from './init';
import { usesModuleHooks } from './instrumentation/module-hooks';
import { findAppPackage } from './resource/find-app-package';

/**
 * What `--require otel-bootstrap/register` and `--import otel-bootstrap/register` do: start tracing
 * from environment variables before the application loads. Worker threads are left alone; the
 * main thread traces the process.
 */
export function startFromRegisterEntry(): void {
  if (isMainThread) init();
}

/**
 * Whether the register entry, started from the environment, will enable instrumentations that
 * patch ES modules as they load, so that `--import` must install a loader hook first.
 */
export function registerEntryNeedsEsmHook(): boolean {
  if (!isMainThread) return false;
  return usesModuleHooks(resolveConfig({}, process.env, findAppPackage()).config);
}
