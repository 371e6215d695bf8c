import * as diagnosticsChannel from 'node:diagnostics_channel';
import { propagation, SpanKind, SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api';
import type { InstrumentationConfig } from '../../sdk/sdk-types';
import { activeContext } from '../../context/active-context';
import { contextWithSpan } from '../../context/span-in-context';
import { isTracingSuppressed } from '../../context/suppress-tracing';
import type { QueryRedactor } from './attributes';
import { LeanInstrumentation } from './lean-instrumentation';
import { addRequestHeader, fetchSpanStart, undiciHeaderValues, type UndiciRequestLike } from './fetch-attributes';
import { NO_HEADER_CAPTURE, recordHeaders, type HeaderCapturePlan } from './header-capture';

/** Scope name of the spans this instrumentation makes. */
export const LEAN_FETCH_SCOPE = 'otel-bootstrap/lean-fetch';
const SCOPE_VERSION = '0.1.0';

/** Settings of {@link LeanFetchInstrumentation}. */
export interface LeanFetchConfig extends InstrumentationConfig {
  /** Redacts secret query values in `url.full` and `url.query`; default: the semantic conventions' keys. */
  redactQuery?: QueryRedactor;
  /** Request and response headers recorded by allowlist; default: none. */
  captureHeaders?: HeaderCapturePlan;
}

// Channels undici publishes (Node's bundled copy behind global `fetch`, and the undici package).
const REQUEST_CREATE = 'undici:request:create';
const REQUEST_SEND_HEADERS = 'undici:client:sendHeaders';
const RESPONSE_HEADERS = 'undici:request:headers';
const RESPONSE_DONE = 'undici:request:trailers';
const REQUEST_ERROR = 'undici:request:error';

interface SocketLike {
  remoteAddress?: string;
  remotePort?: number;
  alpnProtocol?: string | false | null;
}
interface ResponseLike {
  statusCode: number;
  headers?: unknown;
}
type UndiciError = Error & { code?: string };

/**
 * Client spans for global `fetch` (and the undici package) from undici's diagnostics channels,
 * without module hooks. The span starts when undici creates the request, as a child of the context
 * active at that moment, and the propagation headers are added to that request before it is sent;
 * it ends when the response is complete or the request fails. Nothing is traced, and no header
 * added, where tracing is suppressed.
 */
export class LeanFetchInstrumentation extends LeanInstrumentation<LeanFetchConfig> {
  /** Recording spans by undici request; a request that never completes does not keep its span alive. */
  readonly #spans = new WeakMap<object, Span>();

  constructor(config: LeanFetchConfig = {}) {
    super(LEAN_FETCH_SCOPE, SCOPE_VERSION, config);
    this.enableUnlessDisabled();
  }

  protected subscribe(): void {
    for (const [channel, handler] of this.#handlers()) diagnosticsChannel.subscribe(channel, handler);
  }

  protected unsubscribe(): void {
    for (const [channel, handler] of this.#handlers()) diagnosticsChannel.unsubscribe(channel, handler);
  }

  /** Each undici channel with its handler; subscribing and unsubscribing use the same list. */
  #handlers(): Array<[string, (message: unknown) => void]> {
    return [
      [REQUEST_CREATE, this.#onRequestCreate],
      [REQUEST_SEND_HEADERS, this.#onSendHeaders],
      [RESPONSE_HEADERS, this.#onResponseHeaders],
      [RESPONSE_DONE, this.#onResponseDone],
      [REQUEST_ERROR, this.#onRequestError],
    ];
  }

  readonly #onRequestCreate = (message: unknown): void => {
    const { request } = message as { request: UndiciRequestLike };
    // A CONNECT request opens a tunnel; the requests sent through it are traced themselves.
    if (request.method === 'CONNECT') return;
    const active = activeContext();
    if (isTracingSuppressed(active)) return;
    try {
      const { name, attributes } = fetchSpanStart(request, this.getConfig().redactQuery);
      const span = this.tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, active);
      const carrier: Record<string, string> = {};
      propagation.inject(contextWithSpan(active, span), carrier);
      for (const key of Object.keys(carrier)) addRequestHeader(request, key, carrier[key] as string);
      if (span.isRecording()) {
        recordHeaders(span, this.getConfig().captureHeaders?.request ?? NO_HEADER_CAPTURE.request, (name) => undiciHeaderValues(request.headers, name));
        this.#spans.set(request, span);
      }
    } catch {
      // Tracing never breaks the caller's request.
    }
  };

  readonly #onSendHeaders = (message: unknown): void => {
    const { request, socket } = message as { request: object; socket: SocketLike };
    const span = this.#spans.get(request);
    if (span === undefined) return;
    span.setAttributes({
      'network.peer.address': socket.remoteAddress,
      'network.peer.port': socket.remotePort,
      // undici offers only `http/1.1` and, when asked, `h2`; no ALPN at all means HTTP/1.1.
      'network.protocol.version': socket.alpnProtocol === 'h2' ? '2' : '1.1',
    });
  };

  readonly #onResponseHeaders = (message: unknown): void => {
    const { request, response } = message as { request: object; response: ResponseLike };
    const span = this.#spans.get(request);
    if (span === undefined) return;
    const status = response.statusCode;
    const attributes: Attributes = { 'http.response.status_code': status };
    if (status >= 400) {
      attributes['error.type'] = String(status);
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.setAttributes(attributes);
    recordHeaders(span, this.getConfig().captureHeaders?.response ?? NO_HEADER_CAPTURE.response, (name) => undiciHeaderValues(response.headers, name));
  };

  readonly #onResponseDone = (message: unknown): void => {
    const { request } = message as { request: object };
    const span = this.#spans.get(request);
    if (span === undefined) return;
    this.#spans.delete(request);
    span.end();
  };

  readonly #onRequestError = (message: unknown): void => {
    const { request, error } = message as { request: object; error: UndiciError };
    const span = this.#spans.get(request);
    if (span === undefined) return;
    this.#spans.delete(request);
    // A request the caller aborted is not an error of the call (HTTP client span conventions).
    if (!isAbort(error)) {
      span.setAttribute('error.type', error.code !== undefined && error.code !== '' ? error.code : error.name || 'Error');
      span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    }
    span.end();
  };
}

function isAbort(error: UndiciError): boolean {
  return error.name === 'AbortError' || (error instanceof DOMException && error.code === DOMException.ABORT_ERR);
}
