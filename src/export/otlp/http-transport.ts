import { context } from '@opentelemetry/api';
import type { Agent as HttpAgent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { suppressTracing } from '../../context/suppress-tracing';

/** Response bodies are read (and discarded) up to this size; a larger one ends the attempt. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** How one HTTP attempt ended. */
export type AttemptOutcome =
  | { kind: 'success'; status: number; body: Buffer }
  | { kind: 'status'; status: number; retryAfter: string | undefined }
  | { kind: 'error'; code: string }
  | { kind: 'timeout' }
  | { kind: 'response-too-large' };

/** Settings of the transport to one collector URL. */
export interface HttpTransportOptions {
  url: string;
  headers: Readonly<Record<string, string>>;
  contentType: string;
  /** Sockets kept open (and used at once) at most; matches the exporter's in-flight limit. */
  maxSockets: number;
}

type RequestFunction = (url: URL, options: RequestOptions, onResponse: (response: IncomingMessage) => void) => ClientRequest;

/**
 * POSTs request bodies to one collector URL over a keep-alive agent, with tracing suppressed so
 * instrumentations never record the exporter's own requests. Each attempt settles exactly once,
 * never rejects, and is ended by its own timer (unref'd: the socket in flight is what keeps the
 * process alive, and only while it is in flight).
 */
export class HttpTransport {
  readonly #url: URL;
  readonly #headers: Record<string, string>;
  readonly #agent: HttpAgent;
  readonly #request: RequestFunction;

  constructor(options: HttpTransportOptions) {
    this.#url = new URL(options.url);
    this.#headers = { ...options.headers, 'content-type': options.contentType };
    // Load TLS only for https collectors; plain http is already loaded in an HTTP service.
    const transport = this.#url.protocol === 'https:' ? (require('node:https') as typeof import('node:https')) : (require('node:http') as typeof import('node:http'));
    this.#agent = new transport.Agent({ keepAlive: true, maxSockets: options.maxSockets });
    this.#request = transport.request;
  }

  /** Sends `body` once, giving up after `timeoutMillis`. */
  send(body: Buffer, timeoutMillis: number): Promise<AttemptOutcome> {
    return new Promise((resolve) => {
      let settled = false;
      let request: ClientRequest | undefined;
      const settle = (outcome: AttemptOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        settle({ kind: 'timeout' });
        request?.destroy();
      }, timeoutMillis);
      timer.unref();
      try {
        request = context.with(suppressTracing(context.active()), () =>
          this.#request(this.#url, { method: 'POST', agent: this.#agent, headers: { ...this.#headers, 'content-length': String(body.length) } }, (response) =>
            readResponse(response, settle),
          ),
        );
      } catch (error) {
        // Invalid header names or values are rejected synchronously by node:http.
        settle({ kind: 'error', code: errorCode(error) });
        return;
      }
      request.on('error', (error) => settle({ kind: 'error', code: errorCode(error) }));
      request.end(body);
    });
  }

  /** Closes idle keep-alive sockets; call once no attempt is in flight any more. */
  close(): void {
    this.#agent.destroy();
  }
}

function readResponse(response: IncomingMessage, settle: (outcome: AttemptOutcome) => void): void {
  const status = response.statusCode ?? 0;
  let received = 0;
  // A success body may carry a partial success; other bodies are only counted.
  const chunks: Buffer[] | undefined = status >= 200 && status < 300 ? [] : undefined;
  response.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received <= MAX_RESPONSE_BYTES) {
      chunks?.push(chunk);
      return;
    }
    settle({ kind: 'response-too-large' });
    response.destroy();
  });
  response.on('end', () => {
    if (chunks !== undefined) settle({ kind: 'success', status, body: Buffer.concat(chunks) });
    else settle({ kind: 'status', status, retryAfter: headerText(response.headers['retry-after']) });
  });
  response.on('error', (error) => settle({ kind: 'error', code: errorCode(error) }));
  response.on('close', () => settle({ kind: 'error', code: 'ECONNRESET' }));
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}
