/** Response bodies are read up to this size; a larger one ends the attempt. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** How one HTTP attempt ended. */
export type AttemptOutcome =
  | { kind: 'success'; status: number; body: Buffer }
  | { kind: 'status'; status: number; retryAfter: string | undefined }
  | { kind: 'error'; code: string }
  | { kind: 'timeout' }
  | { kind: 'response-too-large' };

/** Sends request bodies to one collector URL. */
export interface CollectorTransport {
  /** Sends `body` once, giving up after `timeoutMillis`; never rejects. */
  send(body: Buffer, timeoutMillis: number): Promise<AttemptOutcome>;
  /** Closes idle connections; call once no attempt is in flight any more. */
  close(): void;
}

/** Settings of the transport to one collector URL. */
export interface TransportOptions {
  url: string;
  headers: Readonly<Record<string, string>>;
  contentType: string;
  /** Connections kept open (and used at once) at most; matches the exporter's in-flight limit. */
  maxSockets: number;
}
