import { resolveConfig } from './config/resolve';
import { init } from './init';
import { usesModuleHooks } from './instrumentation/module-hooks';
import { findAppPackage } from './resource/find-app-package';

/**
 * What `--require otel-bootstrap/register` and `--import otel-bootstrap/register` do: start tracing
 * from environment variables before the application loads. Worker threads inherit the flag, so
 * each worker traces too, with its own tracer provider built from the same environment: its spans
 * reach the same exporters, and signals stay with the main thread.
 */
export function startFromRegisterEntry(): void {
  init();
}

/**
 * Whether the register entry, started from the environment, will enable instrumentations that
 * patch ES modules as they load, so that `--import` must install a loader hook first.
 */
export function registerEntryNeedsEsmHook(): boolean {
  if (!(require('node:worker_threads') as typeof import('node:worker_threads')).isMainThread) return false;
  return usesModuleHooks(resolveConfig({}, process.env, findAppPackage()).config);
}
