/** Random bytes drawn from the operating system per refill: 256 trace ids or 512 span ids. */
const POOL_BYTES = 4096;
const INVALID_TRACE_ID = '0'.repeat(32);
const INVALID_SPAN_ID = '0'.repeat(16);

const poolBuffer = Buffer.allocUnsafe(POOL_BYTES);
let randomFill: ((buffer: Buffer) => Buffer) | undefined;
let poolOffset = POOL_BYTES;

/** The last trace id drawn and where its bytes sit in the pool, for {@link generatedRandomnessAtLeast}. */
let lastTraceId: string | undefined;
let lastTraceIdByte = 0;

/**
 * Reserves the next `length` bytes of a pool filled from the operating system's random source and
 * returns where they start. Each id is its own string, converted from its own bytes: an id cut
 * from one long hex string of the whole pool would keep that string alive as long as the id, and
 * the ids of unsampled requests live in contexts that async resources hold, so the pool strings
 * they keep would make every young-generation collection copy kilobytes more.
 */
function reserveBytes(length: number): number {
  if (poolOffset + length > POOL_BYTES) {
    // Loaded at the first id rather than at start-up: `crypto` is among the costlier built-ins to load.
    randomFill ??= (require('node:crypto') as typeof import('node:crypto')).randomFillSync;
    randomFill(poolBuffer);
    poolOffset = 0;
    lastTraceId = undefined;
  }
  const start = poolOffset;
  poolOffset += length;
  return start;
}

/** A random W3C trace id: 32 lowercase hex characters, never all zeros. */
export function randomTraceId(): string {
  const start = reserveBytes(16);
  const drawn = poolBuffer.toString('hex', start, start + 16);
  const id = nonZero(drawn, INVALID_TRACE_ID);
  // A replaced all-zero draw no longer matches its bytes.
  lastTraceId = id === drawn ? id : undefined;
  lastTraceIdByte = start;
  return id;
}

/**
 * For the trace id {@link randomTraceId} returned last, whether its randomness (the last 56 bits,
 * read from the random bytes it was made of, which saves parsing its hex again) is at least the
 * threshold whose upper 24 bits are `thresholdHigh` and lower 32 bits `thresholdLow`: 1 when it is,
 * 0 when not, -1 for any other id.
 */
export function generatedRandomnessAtLeast(traceId: string, thresholdHigh: number, thresholdLow: number): -1 | 0 | 1 {
  if (traceId !== lastTraceId) return -1;
  const high = poolBuffer.readUIntBE(lastTraceIdByte + 9, 3);
  return high > thresholdHigh || (high === thresholdHigh && poolBuffer.readUInt32BE(lastTraceIdByte + 12) >= thresholdLow) ? 1 : 0;
}

/** A random W3C span id: 16 lowercase hex characters, never all zeros. */
export function randomSpanId(): string {
  const start = reserveBytes(8);
  return nonZero(poolBuffer.toString('hex', start, start + 8), INVALID_SPAN_ID);
}

/** The all-zero id means "invalid" on the wire; that 1 in 2^64 (or 2^128) draw becomes ...01. */
function nonZero(id: string, invalid: string): string {
  // The first-character test settles almost every id without comparing whole strings.
  return id.charCodeAt(0) === 48 && id === invalid ? `${id.slice(0, -1)}1` : id;
}
