import { diag, type Attributes } from '@opentelemetry/api';
import type { MetricsConfig } from '../../config/options';
import { redactUrl } from '../../config/redact';
import { LOG_PREFIX } from '../../config/warnings';
import { classifyFailure, describeFinalFailure } from '../../export/otlp/attempt-failure';
import { SocketHttpTransport } from '../../export/otlp/socket-http-transport';
import { ProtobufWriter } from '../../export/otlp/protobuf-writer';
import { nextRetryDelay } from '../../export/otlp/retry-policy';
import { settleWithin } from '../../lifecycle/deadline';
import type { MetricsSnapshot } from '../metric-data';
import type { MetricsReader } from '../metrics-pipeline';
import { encodeMetricsRequestJson } from './encode-metrics-json';
import { encodeMetricsRequestProtobuf } from './encode-metrics-protobuf';
import { TemporalityConverter } from './temporality';

const CONTENT_TYPES = { 'http/protobuf': 'application/x-protobuf', 'http/json': 'application/json' } as const;
/** Failures within this window after a warning are only counted, then summed up in the next one. */
const WARNING_WINDOW_MILLIS = 60_000;

/** Warning for a failed metrics push. `url` is already redacted. */
export function metricsExportFailedWarning(url: string, cause: string, failures: number): string {
  return `${LOG_PREFIX} OTLP metrics export to ${url} failed (${cause})${failures > 1 ? `, ${failures} times since the last warning` : ''}; the service is unaffected and the next push sends the totals again (cumulative) or loses this interval (delta).`;
}

/**
 * Pushes a collection to an OTLP/HTTP metrics endpoint every `intervalMillis` (an unref'd timer),
 * in protobuf or JSON, with the trace exporter's retry rules, one push in flight at a time and at
 * most one warning a minute. Shutdown pushes a last time, within the push timeout.
 */
export class OtlpMetricsReader implements MetricsReader {
  readonly #settings: MetricsConfig['otlp'];
  readonly #collect: () => MetricsSnapshot;
  readonly #resource: Attributes;
  readonly #transport: SocketHttpTransport;
  readonly #converter: TemporalityConverter;
  readonly #writer = new ProtobufWriter();
  readonly #url: string;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  #failuresSinceWarning = 0;
  #lastWarning = 0;
  #stopped = false;

  constructor(settings: MetricsConfig['otlp'], collect: () => MetricsSnapshot, resource: Attributes) {
    this.#settings = settings;
    this.#collect = collect;
    this.#resource = resource;
    this.#url = redactUrl(settings.url);
    this.#transport = new SocketHttpTransport({ url: settings.url, headers: settings.headers, contentType: CONTENT_TYPES[settings.protocol], maxSockets: 1 });
    this.#converter = new TemporalityConverter(settings.temporality);
  }

  start(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    this.#timer = setInterval(() => void this.push(), this.#settings.intervalMillis);
    this.#timer.unref();
  }

  /** Collects and sends now, unless a push is still in flight. Never rejects. */
  push(): Promise<void> {
    if (this.#inFlight !== undefined) return this.#inFlight;
    const work = this.#pushOnce().finally(() => {
      this.#inFlight = undefined;
    });
    this.#inFlight = work;
    return work;
  }

  async shutdown(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#inFlight !== undefined) await this.#inFlight;
    await settleWithin(this.push(), this.#settings.timeoutMillis);
    this.#transport.close();
  }

  async #pushOnce(): Promise<void> {
    let body: Buffer;
    try {
      const batch = this.#converter.convert(this.#collect());
      body = this.#settings.protocol === 'http/json' ? encodeMetricsRequestJson(batch, this.#resource) : encodeMetricsRequestProtobuf(batch, this.#resource, this.#writer);
    } catch (error) {
      this.#report(`encoding failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const failure = await this.#deliver(body);
    if (failure === undefined) this.#failuresSinceWarning = 0;
    else this.#report(failure);
  }

  async #deliver(body: Buffer): Promise<string | undefined> {
    const timeoutMillis = this.#settings.timeoutMillis;
    const deadline = Date.now() + timeoutMillis;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#transport.send(body, Math.max(1, deadline - Date.now()));
      if (outcome.kind === 'success') return undefined;
      const failure = classifyFailure(outcome, timeoutMillis, Date.now());
      const delay = this.#stopped ? undefined : nextRetryDelay(failure, attempt, deadline - Date.now(), Math.random());
      if (delay === undefined) return describeFinalFailure(failure, attempt);
      await new Promise<void>((resolve) => setTimeout(resolve, delay).unref());
    }
  }

  #report(cause: string): void {
    this.#failuresSinceWarning++;
    const now = Date.now();
    if (now - this.#lastWarning < WARNING_WINDOW_MILLIS) return;
    this.#lastWarning = now;
    diag.warn(metricsExportFailedWarning(this.#url, cause, this.#failuresSinceWarning));
    this.#failuresSinceWarning = 0;
  }
}
