import { diag } from '@opentelemetry/api';
import { ExportResultCode } from '../../sdk/export-result';
import type { ReadableSpan, SpanExporter } from '../../sdk/sdk-types';
import { redactUrl } from '../../config/redact';
import type { ExportLoss, ExportResultWithLosses } from '../export-losses';
import { classifyFailure, describeFinalFailure, type ClassifiedFailure } from './attempt-failure';
import { encodeTraceRequestJson } from './encode-json';
import { encodeTraceRequestProtobuf } from './encode-protobuf';
import { ExportFailureReporter } from './failure-reporter';
import { SocketHttpTransport } from './socket-http-transport';
import { EXPORTER_SHUT_DOWN_ERROR, partialSuccessCause, resultCallbackThrewMessage, SINGLE_SPAN_TOO_LARGE_CAUSE, tooManyExportsError } from './messages';
import { readPartialSuccess } from './partial-success';
import { ProtobufWriter } from './protobuf-writer';
import { nextRetryDelay } from './retry-policy';

/** Settings of {@link OtlpHttpTraceExporter}. */
export interface OtlpHttpExporterOptions {
  /** Full traces URL, e.g. `http://collector:4318/v1/traces`. */
  url: string;
  headers: Readonly<Record<string, string>>;
  /** Deadline of one export, every retry and every part of a split batch included. */
  timeoutMillis: number;
  /** Exports in flight at most; more fail at once. */
  concurrencyLimit: number;
  encoding: 'protobuf' | 'json';
}

const CONTENT_TYPES = { protobuf: 'application/x-protobuf', json: 'application/json' } as const;
/** The status a collector answers for a request body larger than it accepts. */
const PAYLOAD_TOO_LARGE = 413;
/**
 * Connection errors that mean no collector is there at all. Once the process is ending they are
 * not retried: nothing will start listening within its last few seconds.
 */
const NO_COLLECTOR_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

/** What became of the spans of one request (or of the halves it was split into). */
interface Delivery {
  delivered: number;
  losses: ExportLoss[];
}

/**
 * OTLP/HTTP trace exporter (protobuf or JSON) with retries for transient collector failures,
 * a bounded number of exports in flight and one aggregated warning stream for failures. A batch
 * answered with 413 is split in halves and sent again, down to single spans; a partial success
 * names the spans the collector rejected in the result. It never throws and calls every result
 * callback exactly once.
 */
export class OtlpHttpTraceExporter implements SpanExporter {
  readonly #options: OtlpHttpExporterOptions;
  readonly #transport: SocketHttpTransport;
  readonly #reporter: ExportFailureReporter;
  readonly #writer: ProtobufWriter | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  /** Wakes exports waiting for a retry when the process starts ending. */
  readonly #backoffWakers = new Set<() => void>();
  #ending = false;
  #shutdown: Promise<void> | undefined;

  constructor(options: OtlpHttpExporterOptions) {
    this.#options = options;
    this.#transport = new SocketHttpTransport({ url: options.url, headers: options.headers, contentType: CONTENT_TYPES[options.encoding], maxSockets: options.concurrencyLimit });
    this.#reporter = new ExportFailureReporter(redactUrl(options.url));
    this.#writer = options.encoding === 'protobuf' ? new ProtobufWriter() : undefined;
  }

  /** The semantic conventions' `otel.component.type` of this exporter, for the self-metrics. */
  get componentType(): string {
    return this.#options.encoding === 'json' ? 'otlp_http_json_span_exporter' : 'otlp_http_span_exporter';
  }

  /** Sends one batch; `resultCallback` receives success (with any spans lost in part), or failure with the reason. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResultWithLosses) => void): void {
    const report = (result: ExportResultWithLosses): void => {
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
    const work = this.#send(spans, Date.now() + this.#options.timeoutMillis).then(
      (delivery) => report(this.#resultOf(delivery, spans.length)),
      (error: unknown) => report({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    this.#inFlight.add(work);
    void work.then(() => this.#inFlight.delete(work));
  }

  /**
   * The process is ending (its event loop emptied, or shutdown began): from now on a collector that
   * refuses connections is not retried, waits for a retry end at once, and failures are left to
   * the processor's loss warning, which reports them right away.
   */
  beginFinalExports(): void {
    this.#ending = true;
    for (const wake of [...this.#backoffWakers]) wake();
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
    this.beginFinalExports();
    this.#shutdown ??= this.forceFlush().then(() => {
      this.#transport.close();
      this.#reporter.close();
    });
    return this.#shutdown;
  }

  #resultOf(delivery: Delivery, spanCount: number): ExportResultWithLosses {
    const lost = delivery.losses.reduce((sum, loss) => sum + loss.spans, 0);
    const failures = delivery.losses.filter((loss) => !loss.cause.startsWith('rejected by the collector'));
    if (failures.length === 0) this.#reporter.success();
    else if (!this.#ending) this.#reporter.failure(failures.map((loss) => loss.cause).join('; '), failures.reduce((sum, loss) => sum + loss.spans, 0));
    if (delivery.delivered === 0 && lost === spanCount && failures.length > 0) {
      return { code: ExportResultCode.FAILED, error: new Error(`OTLP export failed: ${failures.map((loss) => loss.cause).join('; ')}`) };
    }
    return delivery.losses.length === 0 ? { code: ExportResultCode.SUCCESS } : { code: ExportResultCode.SUCCESS, losses: delivery.losses };
  }

  /** Encodes and sends `spans`; after a 413 sends each half the same way, all before `deadline`. */
  async #send(spans: ReadableSpan[], deadline: number): Promise<Delivery> {
    let body: Buffer;
    try {
      body = this.#writer === undefined ? encodeTraceRequestJson(spans) : encodeTraceRequestProtobuf(spans, this.#writer);
    } catch (error) {
      return { delivered: 0, losses: [{ spans: spans.length, cause: `encoding failed: ${error instanceof Error ? error.message : String(error)}` }] };
    }
    const outcome = await this.#deliver(body, deadline);
    if (outcome.kind === 'delivered') {
      const partial = readPartialSuccess(outcome.body, this.#writer === undefined);
      if (partial === undefined) return { delivered: spans.length, losses: [] };
      const rejected = Math.min(spans.length, partial.rejectedSpans);
      return { delivered: spans.length - rejected, losses: [{ spans: rejected, cause: partialSuccessCause(partial.errorMessage) }] };
    }
    if (outcome.status === PAYLOAD_TOO_LARGE) {
      if (spans.length === 1) return { delivered: 0, losses: [{ spans: 1, cause: SINGLE_SPAN_TOO_LARGE_CAUSE }] };
      const middle = Math.ceil(spans.length / 2);
      const halves = [await this.#send(spans.slice(0, middle), deadline), await this.#send(spans.slice(middle), deadline)];
      return { delivered: halves[0]!.delivered + halves[1]!.delivered, losses: mergeLosses([...halves[0]!.losses, ...halves[1]!.losses]) };
    }
    return { delivered: 0, losses: [{ spans: spans.length, cause: outcome.cause }] };
  }

  /** Runs the attempts of one request body until success, a final failure or the deadline. */
  async #deliver(body: Buffer, deadline: number): Promise<{ kind: 'delivered'; body: Buffer } | { kind: 'failed'; cause: string; status: number | undefined }> {
    const timeoutMillis = this.#options.timeoutMillis;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#transport.send(body, Math.max(1, deadline - Date.now()));
      if (outcome.kind === 'success') return { kind: 'delivered', body: outcome.body };
      const status = outcome.kind === 'status' ? outcome.status : undefined;
      if (status === PAYLOAD_TOO_LARGE) return { kind: 'failed', cause: `HTTP ${PAYLOAD_TOO_LARGE}`, status };
      const failure = this.#withEnding(classifyFailure(outcome, timeoutMillis, Date.now()), outcome.kind === 'error' ? outcome.code : undefined);
      // nextRetryDelay ends the loop: it allows at most MAX_ATTEMPTS and never waits past the deadline.
      const delay = nextRetryDelay(failure, attempt, deadline - Date.now(), Math.random());
      if (delay === undefined) return { kind: 'failed', cause: describeFinalFailure(failure, attempt), status };
      await this.#backoff(delay);
    }
  }

  /** While the process ends, a collector that is not there is not worth another attempt. */
  #withEnding(failure: ClassifiedFailure, code: string | undefined): ClassifiedFailure {
    if (this.#ending && code !== undefined && NO_COLLECTOR_CODES.has(code)) return { ...failure, retryable: false };
    return failure;
  }

  /** Waits `millis` before a retry, or less when the process starts ending meanwhile. */
  #backoff(millis: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.#backoffWakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, millis);
      this.#backoffWakers.add(wake);
    });
  }
}

/** Adds up losses with the same cause. */
function mergeLosses(losses: readonly ExportLoss[]): ExportLoss[] {
  const byCause = new Map<string, number>();
  for (const loss of losses) byCause.set(loss.cause, (byCause.get(loss.cause) ?? 0) + loss.spans);
  return [...byCause].map(([cause, spans]) => ({ cause, spans }));
}
