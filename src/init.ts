import { diag } from '@opentelemetry/api';
import type { TracingOptions } from './config/options';
import { resolveConfig } from './config/resolve';
import { reinitWarning } from './config/warnings';
import { TracingManager } from './manager';
import { findAppPackage } from './resource/find-app-package';
import { differingOptions, optionsFingerprint } from './options-fingerprint';

/**
 * Kept on `globalThis` under a registry symbol so that every copy of this package loaded in one
 * process (a CommonJS `--require` and an ESM `import`, or two installed versions) shares one manager.
 */
const RUNNING = Symbol.for('otel-bootstrap.running-manager');

interface RunningManager {
  manager: TracingManager;
  options: TracingOptions;
  fingerprint: string;
  warnedAboutOptions: boolean;
}

type GlobalWithManager = typeof globalThis & { [RUNNING]?: RunningManager };

/**
 * Starts tracing for this process and returns its {@link TracingManager}. Reads `process.env` now
 * (never at import). A second call returns the same manager and warns once if its options differ.
 * Throws a `TypeError` for an option of the wrong form; a bad environment value only warns.
 *
 * @example
 * ```ts
 * import { init } from 'otel-bootstrap';
 * const tracing = init({ serviceName: 'orders' });
 * ```
 */
export function init(options: TracingOptions = {}): TracingManager {
  const holder = globalThis as GlobalWithManager;
  const fingerprint = optionsFingerprint(options);
  const running = holder[RUNNING];
  if (running !== undefined) {
    if (running.fingerprint !== fingerprint && !running.warnedAboutOptions) {
      running.warnedAboutOptions = true;
      diag.warn(reinitWarning(differingOptions(running.options, options)));
    }
    return running.manager;
  }
  const { config, warnings } = resolveConfig(options, process.env, findAppPackage());
  const manager = new TracingManager(config, warnings);
  holder[RUNNING] = { manager, options: { ...options }, fingerprint, warnedAboutOptions: false };
  return manager.start();
}

/** The manager started by `init()` or the register entry in this process, if any. */
export function getTracingManager(): TracingManager | undefined {
  return (globalThis as GlobalWithManager)[RUNNING]?.manager;
}
