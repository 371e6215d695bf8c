/**
 * An incremental parser of one HTTP/1.1 response, for the exporter's own connections: the status,
 * the few headers the exporter reads, and the body (by `Content-Length`, chunked, or until the
 * connection closes), within fixed limits. Informational (1xx) responses are skipped.
 */

/** The head of a response may not grow past this before its blank line. */
const MAX_HEAD_BYTES = 16 * 1024;
const CRLF_CRLF = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** A complete response. */
export interface ParsedResponse {
  status: number;
  /** Lower-cased header names; a repeated header keeps its first value. */
  headers: ReadonlyMap<string, string>;
  body: Buffer;
  /** Whether the connection can carry another request. */
  keepAlive: boolean;
}

/** What one step of parsing came to. */
export type ParseStep = { kind: 'more' } | { kind: 'done'; response: ParsedResponse } | { kind: 'malformed' } | { kind: 'too-large' };

type BodyMode = { kind: 'length'; remaining: number } | { kind: 'chunked'; remaining: number; trailers: boolean } | { kind: 'until-close' } | { kind: 'none' };

const MORE: ParseStep = { kind: 'more' };
const MALFORMED: ParseStep = { kind: 'malformed' };
const TOO_LARGE: ParseStep = { kind: 'too-large' };

/** Parses one response from the bytes of a connection, fed as they arrive. */
export class HttpResponseParser {
  readonly #maxBodyBytes: number;
  #pending: Buffer = Buffer.alloc(0);
  #status = 0;
  #headers = new Map<string, string>();
  #keepAlive = true;
  #body: BodyMode | undefined;
  readonly #chunks: Buffer[] = [];
  #bodyBytes = 0;

  /** @param maxBodyBytes - a longer body ends parsing as `too-large`. */
  constructor(maxBodyBytes: number) {
    this.#maxBodyBytes = maxBodyBytes;
  }

  /** Feeds the next bytes of the connection. */
  push(chunk: Buffer): ParseStep {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    for (;;) {
      if (this.#body === undefined) {
        const step = this.#parseHead();
        if (step !== undefined) return step;
        continue;
      }
      return this.#parseBody();
    }
  }

  /** The connection closed: a body read until the close is complete, anything else is cut short. */
  end(): ParseStep {
    if (this.#body?.kind === 'until-close') return this.#done(false);
    return MALFORMED;
  }

  /** Parses a head from the pending bytes; undefined once a final response's head is read. */
  #parseHead(): ParseStep | undefined {
    const end = this.#pending.indexOf(CRLF_CRLF);
    if (end === -1) return this.#pending.length > MAX_HEAD_BYTES ? MALFORMED : MORE;
    const lines = this.#pending.subarray(0, end).toString('latin1').split('\r\n');
    this.#pending = this.#pending.subarray(end + 4);
    const statusLine = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0] ?? '');
    if (statusLine === null) return MALFORMED;
    const status = Number(statusLine[2]);
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) return MALFORMED;
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    }
    // 100 Continue, 103 Early Hints: a final response follows on the same connection.
    if (status >= 100 && status < 200) return this.#pending.length === 0 ? MORE : undefined;
    this.#status = status;
    this.#headers = headers;
    const connection = headers.get('connection')?.toLowerCase();
    this.#keepAlive = statusLine[1] === '1' ? connection !== 'close' : connection === 'keep-alive';
    const encoding = headers.get('transfer-encoding')?.toLowerCase();
    const length = headers.get('content-length');
    if (status === 204 || status === 304) this.#body = { kind: 'none' };
    else if (encoding !== undefined && encoding.split(',').pop()?.trim() === 'chunked') this.#body = { kind: 'chunked', remaining: -1, trailers: false };
    else if (length !== undefined) {
      if (!/^\d+$/.test(length)) return MALFORMED;
      this.#body = { kind: 'length', remaining: Number(length) };
    } else {
      this.#body = { kind: 'until-close' };
      this.#keepAlive = false;
    }
    return undefined;
  }

  #parseBody(): ParseStep {
    const body = this.#body as BodyMode;
    switch (body.kind) {
      case 'none':
        return this.#done(this.#keepAlive);
      case 'length': {
        const take = Math.min(body.remaining, this.#pending.length);
        if (!this.#keep(this.#pending.subarray(0, take))) return TOO_LARGE;
        body.remaining -= take;
        this.#pending = this.#pending.subarray(take);
        return body.remaining === 0 ? this.#done(this.#keepAlive) : MORE;
      }
      case 'until-close': {
        if (!this.#keep(this.#pending)) return TOO_LARGE;
        this.#pending = Buffer.alloc(0);
        return MORE;
      }
      case 'chunked':
        return this.#parseChunks(body);
    }
  }

  #parseChunks(body: { kind: 'chunked'; remaining: number; trailers: boolean }): ParseStep {
    for (;;) {
      if (body.trailers) {
        // Trailer lines end with an empty line; they are not read.
        const end = this.#pending.indexOf(CRLF);
        if (end === -1) return this.#pending.length > MAX_HEAD_BYTES ? MALFORMED : MORE;
        this.#pending = this.#pending.subarray(end + 2);
        if (end === 0) return this.#done(this.#keepAlive);
        continue;
      }
      if (body.remaining === -1) {
        const end = this.#pending.indexOf(CRLF);
        if (end === -1) return this.#pending.length > 1024 ? MALFORMED : MORE;
        const size = /^([0-9a-fA-F]{1,8})(?:;.*)?$/.exec(this.#pending.subarray(0, end).toString('latin1'));
        if (size === null) return MALFORMED;
        this.#pending = this.#pending.subarray(end + 2);
        body.remaining = Number.parseInt(size[1] as string, 16);
        if (body.remaining === 0) body.trailers = true;
        continue;
      }
      // The chunk's data, then its CRLF.
      if (this.#pending.length < body.remaining + 2) {
        const take = Math.min(body.remaining, this.#pending.length);
        if (!this.#keep(this.#pending.subarray(0, take))) return TOO_LARGE;
        body.remaining -= take;
        this.#pending = this.#pending.subarray(take);
        return MORE;
      }
      if (!this.#keep(this.#pending.subarray(0, body.remaining))) return TOO_LARGE;
      if (this.#pending[body.remaining] !== 13 || this.#pending[body.remaining + 1] !== 10) return MALFORMED;
      this.#pending = this.#pending.subarray(body.remaining + 2);
      body.remaining = -1;
    }
  }

  #keep(bytes: Buffer): boolean {
    if (bytes.length === 0) return true;
    this.#bodyBytes += bytes.length;
    if (this.#bodyBytes > this.#maxBodyBytes) return false;
    // Copied: the connection's buffers are reused.
    this.#chunks.push(Buffer.from(bytes));
    return true;
  }

  #done(keepAlive: boolean): ParseStep {
    // Bytes after the response on a connection that was asked for one response only are not ours.
    return { kind: 'done', response: { status: this.#status, headers: this.#headers, body: Buffer.concat(this.#chunks), keepAlive: keepAlive && this.#pending.length === 0 } };
  }
}
