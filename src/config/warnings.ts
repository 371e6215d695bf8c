/**
 * Every message the package prints about configuration. They are exported so tests (yours and
 * ours) can assert the exact text instead of a fragment of it.
 */

/** Prefix of every diagnostic line the package writes. */
export const LOG_PREFIX = 'otel-bootstrap:';

/** Warning for an environment variable whose value cannot be used. */
export function invalidEnvWarning(variable: string, value: string, accepted: string, used: string): string {
  return `${LOG_PREFIX} ${variable}=${JSON.stringify(value)} is invalid (expected ${accepted}); using ${used}.`;
}

/** Warning for a name in a comma-separated list variable that is not known. */
export function unknownListEntryWarning(variable: string, entry: string, accepted: readonly string[], used: string): string {
  return `${LOG_PREFIX} ${variable} contains unknown value ${JSON.stringify(entry)} (expected one of ${accepted.join(', ')}); using ${used}.`;
}

/** Warning for an environment name that matches no profile. */
export function unknownEnvironmentWarning(source: string, value: string, used: string): string {
  return `${LOG_PREFIX} ${source}=${JSON.stringify(value)} matches no profile (production, staging, development, test); using the ${used} profile.`;
}

/** Start of the warning for a second `init()` whose options differ from the first one. */
export const REINIT_WARNING =
  `${LOG_PREFIX} init() was called again with different options; tracing is already running, so the first configuration stays and the same manager is returned.`;

/** The warning for a second `init()`, naming the options that differ from the first call's. */
export function reinitWarning(differing: readonly string[]): string {
  return `${REINIT_WARNING} Options that differ: ${differing.join(', ')}.`;
}

/** Warning when no service name can be found anywhere. */
export function missingServiceNameWarning(used: string): string {
  return `${LOG_PREFIX} no service name: set OTEL_SERVICE_NAME or init({ serviceName }); using ${JSON.stringify(used)}.`;
}

/** Warning for a resource attribute pair in OTEL_RESOURCE_ATTRIBUTES that cannot be parsed. */
export function invalidResourceAttributeWarning(pair: string): string {
  return `${LOG_PREFIX} OTEL_RESOURCE_ATTRIBUTES entry ${JSON.stringify(pair)} is not key=value; it was skipped and the other entries kept.`;
}

/**
 * Warning for an OTLP header entry that cannot be parsed. The entry itself is not shown: a
 * malformed `Authorization` entry is still a secret.
 */
export function invalidHeaderWarning(variable: string, position: number): string {
  return `${LOG_PREFIX} ${variable} entry ${position} is not key=value (its text is not shown, as it may hold a secret); it was skipped and the other headers kept.`;
}

/** Warning when shutdown did not finish within its deadline. */
export function shutdownDeadlineWarning(deadlineMillis: number): string {
  return `${LOG_PREFIX} shutdown did not finish within ${deadlineMillis} ms; spans still buffered were dropped so the process can exit.`;
}

/** Warning for an entry of a comma-separated list variable that cannot be used. */
export function invalidListEntryWarning(variable: string, entry: string, accepted: string): string {
  return `${LOG_PREFIX} ${variable} entry ${JSON.stringify(entry)} is invalid (expected ${accepted}); it was skipped and the other entries kept.`;
}

/** Warning when `trustRemoteSampling: false` is asked for together with the official HTTP instrumentation. */
export const REMOTE_SAMPLING_TRUST_NOT_APPLIED_WARNING =
  `${LOG_PREFIX} trustRemoteSampling=false needs the lean HTTP instrumentation, but httpInstrumentation is official; inbound trace context is trusted (it still decides sampling and parent). Use httpInstrumentation lean to apply it.`;

/** Warning for an `init()` option key that no option has, with the closest known option when one is near. */
export function unknownOptionWarning(key: string, closest: string | undefined): string {
  const hint = closest === undefined ? '' : ` Did you mean "${closest}"?`;
  return `${LOG_PREFIX} init() option "${key}" is not known and was ignored.${hint}`;
}
