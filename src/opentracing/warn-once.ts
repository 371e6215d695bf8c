import { diag } from '@opentelemetry/api';

/**
 * Warns through `diag` once per kind of mistake: an application that calls the OpenTracing API
 * wrongly in a loop gets one line, not one per call.
 */
export class WarnOnce {
  readonly #seen = new Set<string>();

  warn(kind: string, message: string): void {
    if (this.#seen.has(kind)) return;
    this.#seen.add(kind);
    diag.warn(message);
  }
}
