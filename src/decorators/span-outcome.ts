import { SpanStatusCode, diag, type Span } from '@opentelemetry/api';
import { LOG_PREFIX } from '../config/warnings';
import { ATTR_FUNCTION_DURATION_MS, ATTR_FUNCTION_RESULT } from './attribute-names';
import { hashListed, toAttributeValue } from './attribute-values';
import type { ResolvedTracedOptions } from './options';
import { recordError } from './record-error';

/** Ends a span once, as a success or a failure, recording only what the options ask for. */
export class SpanOutcome {
  readonly #span: Span;
  readonly #options: ResolvedTracedOptions | undefined;
  readonly #recording: boolean;
  readonly #startedAt: number;
  #ended = false;

  /** `options` is undefined for `withSpan()`, which records no values. */
  constructor(span: Span, recording: boolean, options: ResolvedTracedOptions | undefined) {
    this.#span = span;
    this.#recording = recording;
    this.#options = options;
    this.#startedAt = recording && options?.recordExecutionTime === true ? performance.now() : 0;
  }

  /** Whether the span has been ended. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Ends the span as a success, recording the result when asked. */
  succeed(result: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    const options = this.#options;
    if (this.#recording && options !== undefined) {
      try {
        if (options.includeResult) {
          this.#span.setAttributes(hashListed({ [ATTR_FUNCTION_RESULT]: toAttributeValue(result, options) }, options.hashKeys));
        }
        if (options.setOkStatus) this.#span.setStatus({ code: SpanStatusCode.OK });
      } catch (error) {
        diag.debug(`${LOG_PREFIX} could not record a result: ${String(error)}`);
      }
    }
    this.#finish();
  }

  /** Ends the span as a failure. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#recording) recordError(this.#span, error);
    this.#finish();
  }

  #finish(): void {
    if (this.#recording && this.#options?.recordExecutionTime === true) {
      this.#span.setAttribute(ATTR_FUNCTION_DURATION_MS, performance.now() - this.#startedAt);
    }
    this.#span.end();
  }
}
