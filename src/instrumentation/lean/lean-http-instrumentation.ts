import * as diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  propagation,
  SpanKind,
  SpanStatusCode,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import type { InstrumentationConfig } from '../../sdk/sdk-types';
import { activeContext, runInContext } from '../../context/active-context';
import { EMPTY_CONTEXT } from '../../context/linked-context';
import { contextWithSpan } from '../../context/span-in-context';
import { getRpcMetadata, RPC_TYPE_HTTP, setRpcMetadata } from '../../context/rpc-metadata';
import { isTracingSuppressed, suppressTracing } from '../../context/suppress-tracing';
import { clientAddress, createQueryRedactor, normalizeMethod, outgoingUrl, parseHostHeader, splitTarget, targetPath, type QueryRedactor } from './attributes';
import { LeanInstrumentation } from './lean-instrumentation';
import { NO_HEADER_CAPTURE, recordHeaders, type HeaderCapturePlan } from './header-capture';
import { trustedInboundParent, type InboundParent } from './inbound-trust';
import { offerRequestContext, takeRequestContext } from './request-context-handoff';
import { captureRouteErrors, hookExpressErrors } from './express/route-error';
import { recordRouteError, routeOf } from './express/server-span-outcome';
import type { SamplingInputs } from './sampling-inputs';
import { RecordedServerRequests } from './recorded-server-requests';
import { isInternalServer } from '../internal-server';
import { observeServerRequest } from '../server-request-observer';

/** Scope name of the spans this instrumentation makes. */
export const LEAN_HTTP_SCOPE = 'otel-bootstrap/lean-http';
const SCOPE_VERSION = '0.1.0';

export interface LeanHttpConfig extends InstrumentationConfig {
  /** Incoming requests for which this returns true are not traced (and nothing below them is). */
  ignoreIncomingRequest?: (target: string | undefined) => boolean;
  /** Trace outgoing `http.request` / `https.request` calls. Default true. */
  outgoing?: boolean;
  /** The server span's parent and links from the request headers (the trust boundary). Default: trust the caller. */
  inboundParent?: (headers: IncomingMessage['headers']) => InboundParent;
  /**
   * Whether a request's raw headers hold any that {@link inboundParent} or the sampling inputs'
   * debug headers read; without one, neither is asked. Default: every request may.
   */
  carriesInboundContext?: (rawHeaders: readonly string[]) => boolean;
  /** Redacts secret query values in `url.query` and `url.full`. Default: the semantic conventions' keys. */
  redactQuery?: QueryRedactor;
  /** Headers recorded on server and client spans. Default: none. */
  captureHeaders?: HeaderCapturePlan;
  /** Adds the route template and debug marks the sampler may see at request start. Default: none. */
  samplingInputs?: SamplingInputs;
}

const SERVER_START = 'http.server.request.start';
const SERVER_FINISH = 'http.server.response.finish';
const SERVER_SOCKET = 'net.server.socket';
const CLIENT_CREATED = 'http.client.request.created';
const CLIENT_FINISH = 'http.client.response.finish';
const CLIENT_ERROR = 'http.client.request.error';
/** The parent of a request carrying no trace context: a new trace, no links. */
const NO_INBOUND_PARENT: InboundParent = Object.freeze({ parent: EMPTY_CONTEXT, links: undefined });
/** The headers the sampling inputs see for a request that carries none they read. */
const NO_HEADERS: IncomingMessage['headers'] = Object.freeze({});
/** The context of ignored requests: nothing below them is traced. */
const SUPPRESSED_ROOT_CONTEXT = suppressTracing(EMPTY_CONTEXT);
// The API's exports are getters; the per-request path reads them once, here.
const SERVER = SpanKind.SERVER;
const CLIENT = SpanKind.CLIENT;
/** Marks a server whose `emit` this instrumentation wrapped. */
const kWrappedEmit = Symbol('otel-bootstrap.lean.emit');

interface ServerState {
  span: Span;
  context: Context;
}
type TracedRequest = IncomingMessage & { baseUrl?: unknown; route?: { path?: unknown }; app?: unknown };
type WrappableServer = Server & { [kWrappedEmit]?: true };

interface ServerMessage {
  request: TracedRequest;
  response: ServerResponse;
  socket: Socket;
  server: WrappableServer;
}

/**
 * HTTP server and client tracing on Node's `diagnostics_channel`, with the per-request work kept
 * to what the sampler needs: one context extraction, one `startSpan`, one context entry around the
 * `request` event. Attributes beyond method, path and scheme are computed only for recorded
 * spans; the Express route is read from the request at finish, so Express needs no layer wrappers.
 * Outgoing requests are traced from `http.client.request.created`, published while the request's
 * headers can still be set, so neither `http` nor `https` is patched (nor loaded) for it.
 */
export class LeanHttpInstrumentation extends LeanInstrumentation<LeanHttpConfig> {
  #inboundParent: (headers: IncomingMessage['headers']) => InboundParent;
  #redactQuery: QueryRedactor;
  #capture: HeaderCapturePlan;
  /**
   * The span of each recorded outgoing request. Kept beside the request rather than on it: a
   * property written on some requests only would give `ClientRequest` objects a second shape, and
   * Node's outgoing-message code is shared with every server response.
   */
  readonly #clientSpans = new WeakMap<ClientRequest, Span>();
  /** Recorded server requests in flight; a request whose connection closes first ends as aborted. */
  readonly #recorded = new RecordedServerRequests<ServerState>((request, state) => this.#abortServer(request, state));

  constructor(config: LeanHttpConfig = {}) {
    super(LEAN_HTTP_SCOPE, SCOPE_VERSION, config);
    ({ inboundParent: this.#inboundParent, redactQuery: this.#redactQuery, captureHeaders: this.#capture } = privacySettings(config));
    this.enableUnlessDisabled();
  }

  /** Replaces the settings, including trust, redaction and header capture; enablement is kept. */
  override setConfig(config: LeanHttpConfig): void {
    super.setConfig(config);
    ({ inboundParent: this.#inboundParent, redactQuery: this.#redactQuery, captureHeaders: this.#capture } = privacySettings(config));
  }

  protected subscribe(): void {
    diagnosticsChannel.subscribe(SERVER_SOCKET, this.#onServerSocket);
    diagnosticsChannel.subscribe(SERVER_START, this.#onServerStart);
    diagnosticsChannel.subscribe(SERVER_FINISH, this.#onServerFinish);
    if (this.getConfig().outgoing !== false) {
      diagnosticsChannel.subscribe(CLIENT_CREATED, this.#onClientCreated);
      diagnosticsChannel.subscribe(CLIENT_FINISH, this.#onClientFinish);
      diagnosticsChannel.subscribe(CLIENT_ERROR, this.#onClientError);
    }
  }

  protected unsubscribe(): void {
    diagnosticsChannel.unsubscribe(SERVER_SOCKET, this.#onServerSocket);
    diagnosticsChannel.unsubscribe(SERVER_START, this.#onServerStart);
    diagnosticsChannel.unsubscribe(SERVER_FINISH, this.#onServerFinish);
    diagnosticsChannel.unsubscribe(CLIENT_CREATED, this.#onClientCreated);
    diagnosticsChannel.unsubscribe(CLIENT_FINISH, this.#onClientFinish);
    diagnosticsChannel.unsubscribe(CLIENT_ERROR, this.#onClientError);
  }

  // -------------------------------------------------------------------------------------------
  // Server side.

  /**
   * Reads every new connection's peer address once, as it opens. Node caches it on the socket as
   * a property the first time it is read; read only for recorded requests, it would give 1
   * connection in 100 a second shape (see {@link RecordedServerRequests}).
   */
  readonly #onServerSocket = (message: unknown): void => {
    void (message as { socket: Socket }).socket.remoteAddress;
  };

  readonly #onServerStart = (message: unknown): void => {
    const { request, socket, server } = message as ServerMessage;
    if (server[kWrappedEmit] !== true) {
      wrapServerEmit(server);
      hookExpressErrors(server.listeners('request'));
    }
    const url = request.url;
    const config = this.getConfig();
    if (config.ignoreIncomingRequest?.(url) === true || isInternalServer(server)) {
      offerRequestContext(request, SUPPRESSED_ROOT_CONTEXT);
      return;
    }
    const carriesContext = config.carriesInboundContext?.(request.rawHeaders) ?? true;
    const headers = carriesContext ? request.headers : NO_HEADERS;
    const { parent, links } = carriesContext ? this.#inboundParent(headers) : NO_INBOUND_PARENT;
    const method = normalizeMethod(request.method);
    const scheme = (socket as Socket & { encrypted?: boolean }).encrypted === true ? 'https' : 'http';
    // What a sampler may look at; the rest is computed only when the span records.
    const path = targetPath(url);
    const attributes: Attributes = { 'http.request.method': method, 'url.path': path, 'url.scheme': scheme };
    const route = config.samplingInputs?.(headers, path, attributes);
    const span = this.tracer.startSpan(route === undefined ? spanNameOf(method) : `${spanNameOf(method)} ${route}`, { kind: SERVER, attributes, links }, parent);
    observeServerRequest(request, socket, span, route);
    // An unsampled request still runs in its (non-recording) span's context, so calls it makes carry the trace id.
    const active = contextWithSpan(parent, span);
    if (!span.isRecording()) {
      offerRequestContext(request, active);
      return;
    }
    this.#startRecording(request, socket, span, setRpcMetadata(active, { type: RPC_TYPE_HTTP, span }), method, scheme);
  };

  #startRecording(request: TracedRequest, socket: Socket, span: Span, active: Context, method: string, scheme: string): void {
    const query = splitTarget(request.url).query;
    span.setAttributes(serverAttributes(request, method, query === undefined ? undefined : this.#redactQuery(query), scheme));
    if (this.#capture.request.length > 0) recordHeaders(span, this.#capture.request, (name) => distinctHeaderValues(request.rawHeaders, name));
    captureRouteErrors(request);
    offerRequestContext(request, active);
    this.#recorded.add(request, socket, { span, context: active });
  }

  readonly #onServerFinish = (message: unknown): void => {
    const { request, response, socket } = message as ServerMessage;
    const state = this.#recorded.take(request, socket);
    if (state !== undefined) this.#finishServer(request, response, state);
  };

  /** Ends the span of a recorded request whose client went away before the response finished. */
  #abortServer(request: TracedRequest, state: ServerState): void {
    this.#nameAfterRoute(request, state);
    state.span.setAttribute('error.type', 'aborted');
    state.span.setStatus({ code: SpanStatusCode.ERROR });
    state.span.end();
  }

  #finishServer(request: TracedRequest, response: ServerResponse, state: ServerState): void {
    const { span } = state;
    const status = response.statusCode;
    const attributes: Attributes = { 'http.response.status_code': status };
    this.#nameAfterRoute(request, state);
    if (status >= 500) {
      attributes['error.type'] = String(status);
      if (!recordRouteError(span, request, attributes)) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.setAttributes(attributes);
    if (this.#capture.response.length > 0) recordHeaders(span, this.#capture.response, (name) => response.getHeader(name));
    span.end();
  }

  /** Names the span after the route Express (or the official Express instrumentation) matched, if any. */
  #nameAfterRoute(request: TracedRequest, state: ServerState): void {
    const route = getRpcMetadata(state.context)?.route ?? routeOf(request);
    if (route === undefined) return;
    state.span.setAttribute('http.route', route);
    state.span.updateName(`${spanNameOf(normalizeMethod(request.method))} ${route}`);
  }

  // -------------------------------------------------------------------------------------------
  // Client side.

  readonly #onClientCreated = (message: unknown): void => {
    const { request } = message as { request: ClientRequest };
    const active = activeContext();
    if (isTracingSuppressed(active)) return;
    try {
      this.#startClientSpan(request, active);
    } catch {
      // Tracing never breaks the caller's request.
    }
  };

  #startClientSpan(clientRequest: ClientRequest, active: Context): void {
    const method = normalizeMethod(clientRequest.method);
    const protocol = clientRequest.protocol === 'https:' ? 'https:' : 'http:';
    const host = clientRequest.host;
    const port = requestedPort(clientRequest, protocol);
    const attributes: Attributes = {
      'http.request.method': method,
      'server.address': host,
      'url.full': outgoingUrl(protocol, host, port, clientRequest.path, this.#redactQuery),
    };
    if (port !== undefined) attributes['server.port'] = port;
    const userAgent = clientRequest.getHeader('user-agent');
    if (userAgent !== undefined) attributes['user_agent.original'] = Array.isArray(userAgent) ? userAgent.join(', ') : String(userAgent);
    if (clientRequest.method !== method) attributes['http.request.method_original'] = clientRequest.method;
    const span = this.tracer.startSpan(spanNameOf(method), { kind: CLIENT, attributes }, active);
    const carrier: Record<string, string> = {};
    propagation.inject(contextWithSpan(active, span), carrier);
    if (!clientRequest.headersSent) for (const key of Object.keys(carrier)) clientRequest.setHeader(key, carrier[key] as string);
    if (!span.isRecording()) return;
    recordHeaders(span, this.#capture.request, (name) => clientRequest.getHeader(name));
    this.#clientSpans.set(clientRequest, span);
  }

  readonly #onClientFinish = (message: unknown): void => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const span = this.#clientSpans.get(request);
    if (span === undefined) return;
    this.#clientSpans.delete(request);
    const status = response.statusCode ?? 0;
    const attributes: Attributes = {
      'http.response.status_code': status,
      'network.peer.address': response.socket?.remoteAddress,
      'network.peer.port': response.socket?.remotePort,
      'network.protocol.version': response.httpVersion,
    };
    if (status >= 400) {
      attributes['error.type'] = String(status);
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.setAttributes(attributes);
    recordHeaders(span, this.#capture.response, (name) => response.headersDistinct[name]);
    span.end();
  };

  readonly #onClientError = (message: unknown): void => {
    const { request, error } = message as { request: ClientRequest; error: Error & { code?: string } };
    const span = this.#clientSpans.get(request);
    if (span === undefined) return;
    this.#clientSpans.delete(request);
    span.recordException(error);
    span.setAttribute('error.type', error.code ?? error.name);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    span.end();
  };
}

/** The trust, redaction and capture settings with their defaults filled in. */
function privacySettings(config: LeanHttpConfig): Required<Pick<LeanHttpConfig, 'inboundParent' | 'redactQuery' | 'captureHeaders'>> {
  return {
    inboundParent: config.inboundParent ?? trustedInboundParent,
    redactQuery: config.redactQuery ?? createQueryRedactor(),
    captureHeaders: config.captureHeaders ?? NO_HEADER_CAPTURE,
  };
}

/** Span names use the method, or `HTTP` for methods outside the known set, as the conventions say. */
function spanNameOf(method: string): string {
  return method === '_OTHER' ? 'HTTP' : method;
}

/** Server events that start handling a request: their listeners run in the request's context. */
function startsRequest(event: string | symbol): boolean {
  return event === 'request' || event === 'checkContinue' || event === 'checkExpectation';
}

/**
 * Wraps one server's `emit` once so the events that start handling a request run inside the
 * request's context. The original is bound once here rather than by the context manager on every
 * request.
 */
function wrapServerEmit(server: WrappableServer): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- bound to the server right below
  const originalEmit = server.emit as (this: Server, ...args: unknown[]) => boolean;
  const boundEmit = originalEmit.bind(server);
  server[kWrappedEmit] = true;
  server.emit = function emitWithContext(this: Server, event: string | symbol, request?: unknown, response?: unknown): boolean {
    if (this === server && startsRequest(event)) {
      const requestContext = takeRequestContext(request);
      if (requestContext !== undefined) return runInContext(requestContext, () => boundEmit(event, request, response));
    }
    // eslint-disable-next-line prefer-rest-params -- other events pass through with all their arguments, uncopied
    return Reflect.apply(originalEmit, this, arguments) as boolean;
  } as Server['emit'];
}

/** `redactedQuery` is already redacted. */
function serverAttributes(request: IncomingMessage, method: string, redactedQuery: string | undefined, scheme: string): Attributes {
  const headers = request.headers;
  const socket = request.socket;
  const { address, port } = parseHostHeader(headers.host, scheme === 'https' ? 443 : 80);
  const attributes: Attributes = {
    'server.address': address,
    'network.peer.address': socket.remoteAddress,
    'network.peer.port': socket.remotePort,
    'network.protocol.version': request.httpVersion,
    'user_agent.original': headers['user-agent'],
  };
  if (redactedQuery !== undefined) attributes['url.query'] = redactedQuery;
  const client = clientAddress(headers['x-forwarded-for'], socket.remoteAddress);
  if (client !== undefined) attributes['client.address'] = client;
  if (port !== undefined) attributes['server.port'] = port;
  if (request.method !== undefined && request.method !== method) attributes['http.request.method_original'] = request.method;
  return attributes;
}

/**
 * The port an outgoing request asked for. `ClientRequest` keeps no port, but the `Host` header it
 * writes names it unless it is the protocol's default; a `Host` header the caller set for another
 * host says nothing about the port, which is then left out.
 */
function requestedPort(clientRequest: ClientRequest, protocol: 'http:' | 'https:'): number | undefined {
  const defaultPort = protocol === 'https:' ? 443 : 80;
  const hostHeader = clientRequest.getHeader('host');
  if (typeof hostHeader !== 'string') return defaultPort;
  const { address, port } = parseHostHeader(hostHeader, defaultPort);
  return address !== undefined && address.toLowerCase() === clientRequest.host.toLowerCase() ? port : undefined;
}

/**
 * Every value of one request header, from the raw header list: `headersDistinct` would give the
 * same, but caches itself as a property on the request (see {@link RecordedServerRequests}).
 */
function distinctHeaderValues(rawHeaders: readonly string[], name: string): string[] | undefined {
  let values: string[] | undefined;
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    if ((rawHeaders[index] as string).toLowerCase() === name) (values ??= []).push(rawHeaders[index + 1] as string);
  }
  return values;
}
