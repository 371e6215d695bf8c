import { context } from '@opentelemetry/api';
import type { Socket } from 'node:net';
import { suppressTracing } from '../../context/suppress-tracing';
import { MAX_RESPONSE_BYTES, type AttemptOutcome, type CollectorTransport, type TransportOptions } from './attempt-outcome';
import { HttpResponseParser, type ParsedResponse } from './http-response-parser';

/**
 * An idle connection is closed after this long: servers close keep-alive connections on their own
 * timer (Node's default is 5 s), and a request written as they do fails.
 */
const IDLE_MILLIS = 4000;
/** Header names are tokens; values may not hold line breaks or other control characters. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
const INVALID_VALUE = /[\0-\x08\x0a-\x1f\x7f]/;

interface Waiter {
  resolve: (socket: Socket | undefined) => void;
}

/**
 * POSTs request bodies to one collector URL over connections of its own (`net` or `tls`), writing
 * HTTP/1.1 itself rather than through `node:http`. The service's own HTTP traffic runs through
 * `node:http`'s request, response and parser code, and V8 optimizes that code for the objects it
 * sees: exports through the same code would add the client's objects to every server request's
 * inline caches. Requests are written with tracing suppressed; each attempt settles exactly once,
 * never rejects, and ends by its own timer. A connection keeps the process alive only while a
 * request is on it.
 */
export class SocketHttpTransport implements CollectorTransport {
  readonly #host: string;
  readonly #port: number;
  readonly #secure: boolean;
  readonly #maxSockets: number;
  /** The request head without its `Content-Length`; undefined when a configured header is invalid. */
  readonly #head: string | undefined;
  readonly #invalidHeader: string | undefined;
  /** Every open connection; a connection leaves as it closes. */
  readonly #sockets = new Set<Socket>();
  readonly #idle: Array<{ socket: Socket; timer: NodeJS.Timeout }> = [];
  readonly #waiting: Waiter[] = [];
  #closed = false;

  constructor(options: TransportOptions) {
    const url = new URL(options.url);
    this.#secure = url.protocol === 'https:';
    this.#host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.#port = url.port === '' ? (this.#secure ? 443 : 80) : Number(url.port);
    this.#maxSockets = Math.max(1, options.maxSockets);
    const headers: Record<string, string> = { ...options.headers, 'content-type': options.contentType };
    this.#invalidHeader = Object.entries(headers).find(([name, value]) => !TOKEN.test(name) || INVALID_VALUE.test(value))?.[0];
    const lines = [`POST ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), 'Connection: keep-alive'];
    this.#head = this.#invalidHeader === undefined ? lines.join('\r\n') : undefined;
  }

  send(body: Buffer, timeoutMillis: number): Promise<AttemptOutcome> {
    if (this.#head === undefined) return Promise.resolve({ kind: 'error', code: 'ERR_INVALID_HTTP_HEADER' });
    const head = this.#head;
    return new Promise((resolve) => {
      let settled = false;
      let socket: Socket | undefined;
      const settle = (outcome: AttemptOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        settle({ kind: 'timeout' });
        if (socket !== undefined) discard(socket);
      }, timeoutMillis);
      timer.unref();
      void this.#acquire().then((acquired) => {
        if (acquired === undefined) {
          settle({ kind: 'error', code: 'ECONNABORTED' });
          return;
        }
        if (settled) {
          this.#release(acquired, true);
          return;
        }
        socket = acquired;
        this.#exchange(acquired, `${head}\r\nContent-Length: ${body.length}\r\n\r\n`, body, (outcome, reusable) => {
          // After a timeout the connection was closed, and this only reports that.
          const timedOut = settled;
          settle(outcome);
          this.#release(acquired, reusable && !timedOut);
        });
      });
    });
  }

  close(): void {
    this.#closed = true;
    for (const { socket, timer } of this.#idle.splice(0)) {
      clearTimeout(timer);
      discard(socket);
    }
    for (const waiter of this.#waiting.splice(0)) waiter.resolve(undefined);
  }

  /** An idle connection, a new one, or the next one released when all are in use. */
  #acquire(): Promise<Socket | undefined> {
    if (this.#closed) return Promise.resolve(undefined);
    const idle = this.#idle.pop();
    if (idle !== undefined) {
      clearTimeout(idle.timer);
      idle.socket.ref();
      return Promise.resolve(idle.socket);
    }
    if (this.#sockets.size < this.#maxSockets) return Promise.resolve(this.#connect());
    return new Promise((resolve) => this.#waiting.push({ resolve }));
  }

  #connect(): Socket {
    // The exporter's own connections are never traced (e.g. by the official `net` instrumentation).
    const socket = context.with(suppressTracing(context.active()), () => {
      if (this.#secure) {
        const tls = require('node:tls') as typeof import('node:tls');
        return tls.connect({ host: this.#host, port: this.#port, servername: isIp(this.#host) ? undefined : this.#host, ALPNProtocols: ['http/1.1'] });
      }
      const net = require('node:net') as typeof import('node:net');
      return net.connect({ host: this.#host, port: this.#port });
    });
    this.#sockets.add(socket);
    // Errors of a connection are reported by the attempt on it; one that closes leaves the pool.
    socket.on('error', ignoreError);
    socket.once('close', () => {
      this.#sockets.delete(socket);
      const index = this.#idle.findIndex((entry) => entry.socket === socket);
      if (index !== -1) {
        clearTimeout(this.#idle[index]?.timer);
        this.#idle.splice(index, 1);
      }
    });
    return socket;
  }

  /** Writes one request on `socket` and reads its response. */
  #exchange(socket: Socket, head: string, body: Buffer, done: (outcome: AttemptOutcome, reusable: boolean) => void): void {
    const parser = new HttpResponseParser(MAX_RESPONSE_BYTES);
    let finished = false;
    const finish = (outcome: AttemptOutcome, reusable: boolean): void => {
      if (finished) return;
      finished = true;
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      done(outcome, reusable);
    };
    const onData = (chunk: Buffer): void => {
      const step = parser.push(chunk);
      if (step.kind === 'done') finish(outcomeOf(step.response), step.response.keepAlive);
      else if (step.kind === 'too-large') finish({ kind: 'response-too-large' }, false);
      else if (step.kind === 'malformed') finish({ kind: 'error', code: 'HPE_INVALID_RESPONSE' }, false);
    };
    const onError = (error: Error): void => finish({ kind: 'error', code: errorCode(error) }, false);
    const onClose = (): void => {
      const step = parser.end();
      finish(step.kind === 'done' ? outcomeOf(step.response) : { kind: 'error', code: 'ECONNRESET' }, false);
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.cork();
    socket.write(head, 'latin1');
    socket.write(body);
    socket.uncork();
  }

  /** Gives `socket` back: kept idle (and unref'd) when reusable, else closed; a waiter gets it first. */
  #release(socket: Socket, reusable: boolean): void {
    if (!reusable || this.#closed || socket.destroyed) {
      discard(socket);
      const waiter = this.#waiting.shift();
      if (waiter !== undefined) waiter.resolve(this.#closed ? undefined : this.#connect());
      return;
    }
    const waiter = this.#waiting.shift();
    if (waiter !== undefined) {
      waiter.resolve(socket);
      return;
    }
    socket.unref();
    const timer = setTimeout(() => discard(socket), IDLE_MILLIS);
    timer.unref();
    this.#idle.push({ socket, timer });
  }
}

function discard(socket: Socket): void {
  if (!socket.destroyed) socket.destroy();
}

function outcomeOf(response: ParsedResponse): AttemptOutcome {
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: 'success', status, body: response.body };
  return { kind: 'status', status, retryAfter: response.headers.get('retry-after') };
}

/** A connection's errors are reported by the attempt on it, if any; the next request reconnects. */
function ignoreError(): void {
  // Nothing to do.
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}
