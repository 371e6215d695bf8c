import * as diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { trace, type Span, type SpanContext } from '@opentelemetry/api';
import { activeContext } from '../../context/active-context';
import { isInternalServer } from '../../instrumentation/internal-server';
import { setServerRequestObserver, type ServerRequestObserver } from '../../instrumentation/server-request-observer';
import { HTTP_DURATION_BUCKETS } from '../buckets';
import { sampledContextOf } from '../exemplar-context';
import { HistogramInstrument } from '../histogram-instrument';
import type { MetricData, MetricProducer } from '../metric-data';
import { methodCode } from './method-codes';
import { packRequestKey, serverAttributes } from './request-key';
import { requestRoute } from './request-route';
import { ServerRequestTracker } from './server-request-tracker';

const REQUEST_START = 'http.server.request.start';
const RESPONSE_FINISH = 'http.server.response.finish';
const TIME_ORIGIN = performance.timeOrigin;

/** Settings of {@link HttpServerMetrics}. */
export interface HttpServerMetricsSettings {
  seriesLimit: number;
  /**
   * `instrumentation`: the package's HTTP instrumentation reports each request it does not ignore,
   * with its span. `channel`: requests are taken from Node's diagnostics channel (another HTTP
   * instrumentation traces them), skipping what `ignore` matches.
   */
  source: 'instrumentation' | 'channel';
  ignore: (target: string | undefined) => boolean;
}

interface ServerMessage {
  request: IncomingMessage & { baseUrl?: unknown; route?: { path?: unknown }; app?: unknown; originalUrl?: unknown };
  response: ServerResponse;
  socket: Socket;
  server: Server;
}

/**
 * `http.server.request.duration` for every request, sampled or not: the start is noted when the
 * request arrives and the duration recorded when Node publishes the end of its response, or when
 * the connection closes first (`error.type` `aborted`). A sampled request's span becomes the
 * exemplar of the bucket it falls in. The route is the template the framework matched (Express:
 * `baseUrl` + `route.path`), never the path, so an app without routes has one series per method,
 * scheme and status.
 */
export class HttpServerMetrics implements MetricProducer, ServerRequestObserver {
  readonly #settings: HttpServerMetricsSettings;
  readonly #histogram: HistogramInstrument;
  readonly #tracker: ServerRequestTracker;
  /** Seconds and epoch time of the measurement being recorded. */
  readonly #measurement = new Float64Array(2);
  #started = false;

  constructor(settings: HttpServerMetricsSettings) {
    this.#settings = settings;
    this.#histogram = new HistogramInstrument(
      { name: 'http.server.request.duration', description: 'Duration of HTTP server requests.', unit: 's', boundaries: HTTP_DURATION_BUCKETS },
      settings.seriesLimit,
    );
    this.#tracker = new ServerRequestTracker((request, socket, spanContext) => this.#record(request, socket, 0, spanContext));
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    diagnosticsChannel.subscribe(RESPONSE_FINISH, this.#onResponseFinish);
    if (this.#settings.source === 'instrumentation') setServerRequestObserver(this);
    else diagnosticsChannel.subscribe(REQUEST_START, this.#onRequestStart);
  }

  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    diagnosticsChannel.unsubscribe(RESPONSE_FINISH, this.#onResponseFinish);
    if (this.#settings.source === 'instrumentation') setServerRequestObserver(undefined);
    else diagnosticsChannel.unsubscribe(REQUEST_START, this.#onRequestStart);
  }

  /** Called by the HTTP instrumentation for each request it handles. */
  requestStarted(request: IncomingMessage, socket: Socket, span: Span, route?: string): void {
    this.#tracker.start(request, socket, sampledContextOf(span), route);
  }

  collect(): MetricData[] {
    return [this.#histogram.collect()];
  }

  readonly #onRequestStart = (message: unknown): void => {
    const { request, socket, server } = message as ServerMessage;
    if (isInternalServer(server) || this.#settings.ignore(request.url)) return;
    this.#tracker.start(request, socket, undefined, undefined);
  };

  readonly #onResponseFinish = (message: unknown): void => {
    const { request, response, socket } = message as ServerMessage;
    if (!this.#tracker.take(request, socket)) return;
    // Without the instrumentation's span, the span the response ended in is the request's.
    const spanContext = this.#tracker.takenSpanContext ?? (this.#settings.source === 'channel' ? sampledContextOf(trace.getSpan(activeContext())) : undefined);
    this.#record(request, socket, response.statusCode, spanContext);
  };

  /** Records the request {@link ServerRequestTracker.take} just found; its start is in `takenStart`. */
  #record(request: ServerMessage['request'], socket: Socket, status: number, spanContext: SpanContext | undefined): void {
    const measurement = this.#measurement;
    measurement[1] = performance.now();
    measurement[0] = (measurement[1] - (this.#tracker.takenStart[0] as number)) / 1000;
    measurement[1] += TIME_ORIGIN;
    const route = requestRoute(request) ?? this.#tracker.takenRoute ?? '';
    const https = (socket as Socket & { encrypted?: boolean }).encrypted === true;
    const series = this.#histogram.series(route, packRequestKey(methodCode(request.method), https, status), undefined, serverAttributes);
    series.recordMeasurement(measurement, spanContext?.traceId, spanContext?.spanId);
  }
}
