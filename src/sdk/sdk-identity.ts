/**
 * The SDK identity written to every resource, as `telemetry.sdk.*`.
 *
 * This package implements the OpenTelemetry JavaScript SDK's tracing behaviour itself (sampling,
 * span limits, timing, resource merging) and follows the SDK line it depends on, so it reports that
 * SDK's name, language and version: backends read `telemetry.sdk.version` as "behaves like
 * opentelemetry-js <version>", which is what is true here. A unit test keeps the version equal to
 * the installed `@opentelemetry/sdk-trace`.
 */
export const SDK_IDENTITY = {
  'telemetry.sdk.language': 'nodejs',
  'telemetry.sdk.name': 'opentelemetry',
  'telemetry.sdk.version': '3.1.1',
} as const;

/** `service.name` when nothing names the service, as the official default resource words it. */
export function defaultServiceName(): string {
  return process.argv0 ? `unknown_service:${process.argv0}` : 'unknown_service';
}
