// A tiny message queue over TCP on 127.0.0.1, used by the orders service (publisher) and the
// worker (which hosts the queue). Messages carry BINARY headers, as Kafka, RabbitMQ and NATS
// messages do, so trace context travels as Buffer values.
//
// Frame: u32 length of the rest | u8 type (1 = publish, 2 = ack) | payload
//   publish: str16 topic | str16 id | u16 header count | (str16 key | u32 length | bytes)* | u32 length | body
//   ack:     str16 id
import net from 'node:net';

const PUBLISH = 1;
const ACK = 2;

/** A message as published: header values are Buffers or strings (strings are sent as UTF-8). */
export interface OutgoingMessage {
  topic: string;
  id: string;
  headers: Record<string, unknown>;
  body: string;
}

/** A message as received: header values are Buffers. */
export interface IncomingMessage {
  topic: string;
  id: string;
  headers: Record<string, Buffer>;
  body: Buffer;
}

function str16(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return [length, bytes];
}

function bytes32(value: Buffer): Buffer[] {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(value.length);
  return [length, value];
}

function frame(type: number, parts: Buffer[]): Buffer {
  const payload = Buffer.concat([Buffer.from([type]), ...parts]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(payload.length);
  return Buffer.concat([length, payload]);
}

function encodePublish({ topic, id, headers, body }: OutgoingMessage): Buffer {
  const entries = Object.entries(headers).filter(([, value]) => value !== undefined);
  const count = Buffer.alloc(2);
  count.writeUInt16BE(entries.length);
  const headerParts = entries.flatMap(([key, value]) => [...str16(key), ...bytes32(Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8'))]);
  return frame(PUBLISH, [...str16(topic), ...str16(id), count, ...headerParts, ...bytes32(Buffer.from(body))]);
}

class Reader {
  #offset = 0;

  constructor(private readonly buffer: Buffer) {}

  u16(): number {
    const value = this.buffer.readUInt16BE(this.#offset);
    this.#offset += 2;
    return value;
  }

  u32(): number {
    const value = this.buffer.readUInt32BE(this.#offset);
    this.#offset += 4;
    return value;
  }

  bytes(length: number): Buffer {
    const value = this.buffer.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return Buffer.from(value);
  }

  str16(): string {
    return this.bytes(this.u16()).toString('utf8');
  }
}

function decodePublish(payload: Buffer): IncomingMessage {
  const reader = new Reader(payload);
  const topic = reader.str16();
  const id = reader.str16();
  const headers: Record<string, Buffer> = {};
  for (let count = reader.u16(); count > 0; count -= 1) {
    const key = reader.str16();
    headers[key] = reader.bytes(reader.u32());
  }
  return { topic, id, headers, body: reader.bytes(reader.u32()) };
}

/** Splits a byte stream into frames and calls onFrame(type, payload) for each. */
function frameParser(onFrame: (type: number, payload: Buffer) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (pending.length < 4 + length) break;
      const payload = pending.subarray(4, 4 + length);
      pending = pending.subarray(4 + length);
      onFrame(payload[0] as number, payload.subarray(1));
    }
  };
}

/** Starts the queue server on 127.0.0.1; onMessage is called for each published message. */
export function startQueueServer(onMessage: (message: IncomingMessage) => void, port = 0): Promise<net.Server> {
  const server = net.createServer((socket) => {
    socket.on('error', () => socket.destroy());
    socket.on(
      'data',
      frameParser((type, payload) => {
        if (type !== PUBLISH) return;
        const message = decodePublish(payload);
        onMessage(message);
        socket.write(frame(ACK, str16(message.id)));
      }),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** A publisher: publish() resolves when the queue accepted the message (bounded wait). */
export interface QueueClient {
  publish(message: OutgoingMessage): Promise<void>;
  close(): void;
}

export function connectQueue(port: number, timeoutMillis = 5000): QueueClient {
  const socket = net.connect({ host: '127.0.0.1', port });
  const waiting = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  socket.on(
    'data',
    frameParser((type, payload) => {
      if (type !== ACK) return;
      const id = new Reader(payload).str16();
      waiting.get(id)?.resolve();
      waiting.delete(id);
    }),
  );
  socket.on('error', (error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  });
  socket.unref();
  return {
    publish: (message) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(message.id);
          reject(new Error(`queue did not acknowledge message ${message.id} within ${timeoutMillis} ms`));
        }, timeoutMillis);
        waiting.set(message.id, {
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        socket.write(encodePublish(message));
      }),
    close: () => socket.end(),
  };
}
