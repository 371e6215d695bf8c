import * as diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { trace } from '@opentelemetry/api';
import { activeContext } from '../../context/active-context';
import { isTracingSuppressed } from '../../context/suppress-tracing';
import { HTTP_DURATION_BUCKETS } from '../buckets';
import { sampledContextOf } from '../exemplar-context';
import { HistogramInstrument } from '../histogram-instrument';
import type { MetricData, MetricProducer } from '../metric-data';
import { ClientTimingPool, type ClientTiming } from './client-timing';
import { methodCode } from './method-codes';
import { originParts } from './origin-parts';
import { clientAttributes, packRequestKey } from './request-key';

const TIME_ORIGIN = performance.timeOrigin;
const kTiming = Symbol('otel-bootstrap.metrics.client-timing');

// node:http client channels (`created` since Node 22.12; `start` is the fallback, once headers are written).
const HTTP_CREATED = 'http.client.request.created';
const HTTP_START = 'http.client.request.start';
const HTTP_RESPONSE = 'http.client.response.finish';
const HTTP_ERROR = 'http.client.request.error';
// undici (global fetch) channels.
const UNDICI_CREATE = 'undici:request:create';
const UNDICI_HEADERS = 'undici:request:headers';
const UNDICI_DONE = 'undici:request:trailers';
const UNDICI_ERROR = 'undici:request:error';

/** Settings of {@link HttpClientMetrics}. */
export interface HttpClientMetricsSettings {
  seriesLimit: number;
  /** Follow `http.request` / `https.request`. */
  http: boolean;
  /** Follow global `fetch` and the undici package. */
  fetch: boolean;
}

type TimedClientRequest = ClientRequest & { [kTiming]?: ClientTiming; protocol?: string; host?: string };
interface UndiciRequest {
  method: string;
  origin: string | URL;
  [kTiming]?: ClientTiming;
}
type ErrorWithCode = Error & { code?: unknown };

/**
 * `http.client.request.duration` for every outgoing request (`http.request` and `fetch`), traced
 * or not, from Node's and undici's diagnostics channels. A request made inside a sampled span has
 * that span as exemplar. The package's own export requests (made with tracing suppressed) are
 * not counted. Like the client spans, an `http.request` ends when its response headers arrive and
 * a `fetch` when its response is complete.
 */
export class HttpClientMetrics implements MetricProducer {
  readonly #settings: HttpClientMetricsSettings;
  readonly #histogram: HistogramInstrument;
  readonly #pool = new ClientTimingPool();
  /** Seconds and epoch time of the measurement being recorded. */
  readonly #measurement = new Float64Array(2);
  #started = false;

  constructor(settings: HttpClientMetricsSettings) {
    this.#settings = settings;
    this.#histogram = new HistogramInstrument(
      { name: 'http.client.request.duration', description: 'Duration of HTTP client requests.', unit: 's', boundaries: HTTP_DURATION_BUCKETS },
      settings.seriesLimit,
    );
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    for (const [channel, handler] of this.#handlers()) diagnosticsChannel.subscribe(channel, handler);
  }

  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    for (const [channel, handler] of this.#handlers()) diagnosticsChannel.unsubscribe(channel, handler);
  }

  collect(): MetricData[] {
    return [this.#histogram.collect()];
  }

  #handlers(): Array<[string, (message: unknown) => void]> {
    const handlers: Array<[string, (message: unknown) => void]> = [];
    if (this.#settings.http) handlers.push([HTTP_CREATED, this.#onHttpCreated], [HTTP_START, this.#onHttpCreated], [HTTP_RESPONSE, this.#onHttpResponse], [HTTP_ERROR, this.#onHttpError]);
    if (this.#settings.fetch) handlers.push([UNDICI_CREATE, this.#onUndiciCreate], [UNDICI_HEADERS, this.#onUndiciHeaders], [UNDICI_DONE, this.#onUndiciDone], [UNDICI_ERROR, this.#onUndiciError]);
    return handlers;
  }

  /** A pooled timing for a request starting now, or undefined where tracing is suppressed. */
  #begin(): ClientTiming | undefined {
    const active = activeContext();
    if (isTracingSuppressed(active)) return undefined;
    return this.#pool.take(performance.now(), sampledContextOf(trace.getSpan(active)));
  }

  #finish(timing: ClientTiming, method: string, address: string, https: boolean, port: number, status: number, errorType: string | undefined): void {
    const measurement = this.#measurement;
    measurement[1] = performance.now();
    measurement[0] = (measurement[1] - timing.start) / 1000;
    measurement[1] += TIME_ORIGIN;
    const series = this.#histogram.series(address, packRequestKey(methodCode(method), https, status, port), status === 0 ? errorType : undefined, clientAttributes);
    series.recordMeasurement(measurement, timing.spanContext?.traceId, timing.spanContext?.spanId);
    this.#pool.release(timing);
  }

  readonly #onHttpCreated = (message: unknown): void => {
    const request = (message as { request: TimedClientRequest }).request;
    if (request[kTiming] !== undefined) return;
    const timing = this.#begin();
    if (timing !== undefined) request[kTiming] = timing;
  };

  readonly #onHttpResponse = (message: unknown): void => {
    const { request, response } = message as { request: TimedClientRequest; response: IncomingMessage };
    const timing = request[kTiming];
    if (timing === undefined) return;
    request[kTiming] = undefined;
    this.#finish(timing, request.method, request.host ?? '', request.protocol === 'https:', response.socket?.remotePort ?? 0, response.statusCode ?? 0, undefined);
  };

  readonly #onHttpError = (message: unknown): void => {
    const { request, error } = message as { request: TimedClientRequest; error: ErrorWithCode };
    const timing = request[kTiming];
    if (timing === undefined) return;
    request[kTiming] = undefined;
    this.#finish(timing, request.method, request.host ?? '', request.protocol === 'https:', request.socket?.remotePort ?? 0, 0, errorType(error));
  };

  readonly #onUndiciCreate = (message: unknown): void => {
    const request = (message as { request: UndiciRequest }).request;
    if (request.method === 'CONNECT') return;
    const timing = this.#begin();
    if (timing !== undefined) request[kTiming] = timing;
  };

  readonly #onUndiciHeaders = (message: unknown): void => {
    const { request, response } = message as { request: UndiciRequest; response: { statusCode: number } };
    const timing = request[kTiming];
    if (timing !== undefined) timing.status = response.statusCode;
  };

  readonly #onUndiciDone = (message: unknown): void => {
    const request = (message as { request: UndiciRequest }).request;
    const timing = request[kTiming];
    if (timing === undefined) return;
    request[kTiming] = undefined;
    const origin = originParts(String(request.origin));
    this.#finish(timing, request.method, origin.address, origin.https, origin.port, timing.status, undefined);
  };

  readonly #onUndiciError = (message: unknown): void => {
    const { request, error } = message as { request: UndiciRequest; error: ErrorWithCode };
    const timing = request[kTiming];
    if (timing === undefined) return;
    request[kTiming] = undefined;
    const origin = originParts(String(request.origin));
    // An error after the response headers still has the status; otherwise the error names the failure.
    this.#finish(timing, request.method, origin.address, origin.https, origin.port, timing.status, errorType(error));
  };
}

/** `error.type` of a request that failed without a response: the error's code, else its name. */
function errorType(error: ErrorWithCode | undefined): string {
  if (error === undefined) return '_OTHER';
  if (typeof error.code === 'string' && error.code !== '') return error.code;
  return error.name !== '' ? error.name : '_OTHER';
}
