/**
 * A minimal protobuf wire-format reader: enough to decode OTLP trace requests in tests without
 * generated code. Each message is returned as field number -> list of raw values.
 */
export type WireValue = bigint | Buffer;
export type WireMessage = Map<number, WireValue[]>;

export function readMessage(buffer: Buffer): WireMessage {
  const fields: WireMessage = new Map();
  let offset = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = buffer[offset++];
      if (byte === undefined) throw new Error('truncated varint');
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (offset < buffer.length) {
    const key = readVarint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    let value: WireValue;
    switch (wireType) {
      case 0:
        value = readVarint();
        break;
      case 1:
        value = buffer.subarray(offset, offset + 8);
        offset += 8;
        break;
      case 2: {
        const length = Number(readVarint());
        value = buffer.subarray(offset, offset + length);
        offset += length;
        break;
      }
      case 5:
        value = buffer.subarray(offset, offset + 4);
        offset += 4;
        break;
      default:
        throw new Error(`unsupported wire type ${wireType}`);
    }
    const list = fields.get(field) ?? [];
    list.push(value);
    fields.set(field, list);
  }
  return fields;
}

export const bytesOf = (message: WireMessage, field: number): Buffer[] => (message.get(field) ?? []).filter((v): v is Buffer => Buffer.isBuffer(v));
export const firstBytes = (message: WireMessage, field: number): Buffer | undefined => bytesOf(message, field)[0];
export const stringOf = (message: WireMessage, field: number): string | undefined => firstBytes(message, field)?.toString('utf8');
export const varintOf = (message: WireMessage, field: number): bigint | undefined => {
  const value = message.get(field)?.[0];
  return typeof value === 'bigint' ? value : undefined;
};
