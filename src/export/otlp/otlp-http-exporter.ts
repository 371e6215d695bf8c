import { diag } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '../../sdk/export-result';
import type { ReadableSpan, SpanExporter } from '../../sdk/sdk-types';
import { redactUrl } from '../../config/redact';
import { classifyFailure, describeFinalFailure } from './attempt-failure';
import { encodeTraceRequestJson } from './encode-json';
import { encodeTraceRequestProtobuf } from './encode-protobuf';
import { ExportFailureReporter } from './failure-reporter';
import { HttpTransport } from './http-transport';
import { EXPORTER_SHUT_DOWN_ERROR, resultCallbackThrewMessage, tooManyExportsError } from './messages';
import { ProtobufWriter } from './protobuf-writer';
import { nextRetryDelay } from './retry-policy';

/** Settings of {@link OtlpHttpTraceExporter}. */
export interface OtlpHttpExporterOptions {
  /** Full traces URL, e.g. `http://collector:4318/v1/traces`. */
  url: string;
  headers: Readonly<Record<string, string>>;
  /** Deadline of one export, every retry included. */
  timeoutMillis: number;
  /** Exports in flight at most; more fail at once. */
  concurrencyLimit: number;
  encoding: 'protobuf' | 'json';
}

const CONTENT_TYPES = { protobuf: 'application/x-protobuf', json: 'application/json' } as const;

/**
 * OTLP/HTTP trace exporter (protobuf or JSON) with retries for transient collector failures,
 * a bounded number of exports in flight and one aggregated warning stream for failures. It never
 * throws and calls every result callback exactly once.
 */
export class OtlpHttpTraceExporter implements SpanExporter {
  readonly #options: OtlpHttpExporterOptions;
  readonly #transport: HttpTransport;
  readonly #reporter: ExportFailureReporter;
  readonly #writer: ProtobufWriter | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  #shutdown: Promise<void> | undefined;

  constructor(options: OtlpHttpExporterOptions) {
    this.#options = options;
    this.#transport = new HttpTransport({ url: options.url, headers: options.headers, contentType: CONTENT_TYPES[options.encoding], maxSockets: options.concurrencyLimit });
    this.#reporter = new ExportFailureReporter(redactUrl(options.url));
    this.#writer = options.encoding === 'protobuf' ? new ProtobufWriter() : undefined;
  }

  /** Sends one batch; `resultCallback` receives success, or failure with the reason. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const report = (result: ExportResult): void => {
      try {
        resultCallback(result);
      } catch (error) {
        diag.debug(resultCallbackThrewMessage(error));
      }
    };
    if (this.#shutdown !== undefined) return report({ code: ExportResultCode.FAILED, error: new Error(EXPORTER_SHUT_DOWN_ERROR) });
    if (this.#inFlight.size >= this.#options.concurrencyLimit) {
      this.#reporter.failure(`${this.#options.concurrencyLimit} exports already in flight`, spans.length);
      return report({ code: ExportResultCode.FAILED, error: new Error(tooManyExportsError(this.#options.concurrencyLimit)) });
    }
    let body: Buffer;
    try {
      body = this.#writer === undefined ? encodeTraceRequestJson(spans) : encodeTraceRequestProtobuf(spans, this.#writer);
    } catch (error) {
      const cause = `encoding failed: ${error instanceof Error ? error.message : String(error)}`;
      this.#reporter.failure(cause, spans.length);
      return report({ code: ExportResultCode.FAILED, error: new Error(cause) });
    }
    const work = this.#deliver(body).then(
      (failureCause) => {
        if (failureCause === undefined) {
          this.#reporter.success();
          return report({ code: ExportResultCode.SUCCESS });
        }
        this.#reporter.failure(failureCause, spans.length);
        report({ code: ExportResultCode.FAILED, error: new Error(`OTLP export failed: ${failureCause}`) });
      },
      (error: unknown) => report({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    this.#inFlight.add(work);
    void work.then(() => this.#inFlight.delete(work));
  }

  /** Resolves when every export in flight has finished. Never rejects. */
  async forceFlush(): Promise<void> {
    await Promise.all([...this.#inFlight]);
  }

  /**
   * Waits for exports in flight, then closes idle connections; later exports fail at once.
   * Calling it again returns the same promise.
   */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.forceFlush().then(() => {
      this.#transport.close();
      this.#reporter.close();
    });
    return this.#shutdown;
  }

  /** Runs the attempts of one export; resolves with the failure cause, or `undefined` on success. */
  async #deliver(body: Buffer): Promise<string | undefined> {
    const timeoutMillis = this.#options.timeoutMillis;
    const deadline = Date.now() + timeoutMillis;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#transport.send(body, Math.max(1, deadline - Date.now()));
      if (outcome.kind === 'success') return undefined;
      const failure = classifyFailure(outcome, timeoutMillis, Date.now());
      // nextRetryDelay ends the loop: it allows at most MAX_ATTEMPTS and never waits past the deadline.
      const delay = nextRetryDelay(failure, attempt, deadline - Date.now(), Math.random());
      if (delay === undefined) return describeFinalFailure(failure, attempt);
      await new Promise<void>((resolve) => setTimeout(resolve, delay));
    }
  }
}
