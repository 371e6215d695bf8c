/**
 * Reads `partial_success` from an OTLP `ExportTraceServiceResponse` body (protobuf or JSON): the
 * number of spans the collector rejected and its message. Anything unreadable counts as no
 * partial success: a 2xx response delivered the batch.
 */

/** What the collector rejected from an otherwise successful export. */
export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

const LEN = 2;
const VARINT = 0;

/** The partial success in a response body, or `undefined` when the collector rejected nothing. */
export function readPartialSuccess(body: Buffer, json: boolean): PartialSuccess | undefined {
  try {
    const found = json ? fromJson(body) : fromProtobuf(body);
    return found !== undefined && (found.rejectedSpans > 0 || found.errorMessage !== '') ? found : undefined;
  } catch {
    return undefined;
  }
}

function fromJson(body: Buffer): PartialSuccess | undefined {
  if (body.length === 0) return undefined;
  const parsed = JSON.parse(body.toString('utf8')) as { partialSuccess?: { rejectedSpans?: unknown; errorMessage?: unknown } };
  const partial = parsed.partialSuccess;
  if (typeof partial !== 'object' || partial === null) return undefined;
  const rejected = Number(partial.rejectedSpans ?? 0);
  return { rejectedSpans: Number.isSafeInteger(rejected) && rejected > 0 ? rejected : 0, errorMessage: typeof partial.errorMessage === 'string' ? partial.errorMessage : '' };
}

function fromProtobuf(body: Buffer): PartialSuccess | undefined {
  const reader = new FieldReader(body);
  let result: PartialSuccess | undefined;
  reader.forEach((field, wireType, value) => {
    if (field === 1 && wireType === LEN && value instanceof Buffer) result = partialSuccessMessage(value);
  });
  return result;
}

function partialSuccessMessage(bytes: Buffer): PartialSuccess {
  const found: PartialSuccess = { rejectedSpans: 0, errorMessage: '' };
  new FieldReader(bytes).forEach((field, wireType, value) => {
    if (field === 1 && wireType === VARINT && typeof value === 'number') found.rejectedSpans = value;
    if (field === 2 && wireType === LEN && value instanceof Buffer) found.errorMessage = value.toString('utf8');
  });
  return found;
}

/** Walks the fields of one protobuf message; throws on a truncated or malformed one. */
class FieldReader {
  #offset = 0;

  constructor(private readonly bytes: Buffer) {}

  forEach(visit: (field: number, wireType: number, value: number | Buffer | undefined) => void): void {
    while (this.#offset < this.bytes.length) {
      const key = this.#varint();
      const field = Math.floor(key / 8);
      const wireType = key % 8;
      if (wireType === VARINT) visit(field, wireType, this.#varint());
      else if (wireType === LEN) {
        const length = this.#varint();
        if (this.#offset + length > this.bytes.length) throw new RangeError('truncated field');
        visit(field, wireType, this.bytes.subarray(this.#offset, this.#offset + length));
        this.#offset += length;
      } else if (wireType === 1) this.#skip(8);
      else if (wireType === 5) this.#skip(4);
      else throw new RangeError(`unsupported wire type ${wireType}`);
    }
  }

  #skip(count: number): void {
    if (this.#offset + count > this.bytes.length) throw new RangeError('truncated field');
    this.#offset += count;
  }

  /** A varint as a number; counts beyond 2^53 are not meaningful for rejected spans anyway. */
  #varint(): number {
    let value = 0;
    let scale = 1;
    for (let index = 0; index < 10; index++) {
      const byte = this.bytes[this.#offset++];
      if (byte === undefined) throw new RangeError('truncated varint');
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    throw new RangeError('varint too long');
  }
}
