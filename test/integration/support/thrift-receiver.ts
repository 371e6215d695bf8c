import { createSocket, type Socket } from 'node:dgram';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/** A span decoded from Jaeger Thrift, reduced to what tests compare. */
export interface ThriftSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  operationName: string;
  serviceName: string;
  tags: Record<string, unknown>;
}

interface ThriftTag {
  key: string;
  vType?: string;
  vStr?: string | null;
  vDouble?: number | null;
  vBool?: boolean | null;
  vLong?: Buffer | null;
}
interface ThriftBatch {
  process: { serviceName: string };
  spans: Array<{ traceIdLow: Buffer; traceIdHigh: Buffer; spanId: Buffer; parentSpanId: Buffer; operationName: string; tags?: ThriftTag[] | null }>;
}
interface ThriftType {
  readFrom(buffer: Buffer, offset: number): { err: Error | null; value: unknown };
}

// The Thrift IDL and codec travel with the Jaeger exporter's dependency tree; load them from there.
const fromJaegerClient = createRequire(require.resolve('jaeger-client', { paths: [require.resolve('@opentelemetry/exporter-jaeger')] }));
const { Thrift } = fromJaegerClient('thriftrw') as { Thrift: new (options: Record<string, unknown>) => Record<string, unknown> };
const idl = (fromJaegerClient('./thrift.js') as { default: { buildAgentThriftPath(): string; loadJaegerThriftDefinition(): string } }).default;
const agentThrift = new Thrift({ entryPoint: idl.buildAgentThriftPath(), allowOptionalArguments: true, allowFilesystemAccess: true }) as {
  Agent: { emitBatch: { argumentsMessageRW: ThriftType } };
};
const jaegerThrift = new Thrift({ source: idl.loadJaegerThriftDefinition(), allowOptionalArguments: true }) as { Batch: { rw: ThriftType } };

const hex = (buffer: Buffer): string => buffer.toString('hex');

function tagValue(tag: ThriftTag): unknown {
  // Every value field is filled in (the unused ones empty), so the declared type decides.
  switch (tag.vType) {
    case 'STRING':
      return tag.vStr;
    case 'DOUBLE':
      return tag.vDouble;
    case 'BOOL':
      return tag.vBool;
    case 'LONG':
      return tag.vLong === null || tag.vLong === undefined ? undefined : Number(tag.vLong.readBigInt64BE(0));
  }
  if (tag.vStr !== null && tag.vStr !== undefined) return tag.vStr;
  if (tag.vDouble !== null && tag.vDouble !== undefined) return tag.vDouble;
  if (tag.vBool !== null && tag.vBool !== undefined) return tag.vBool;
  if (tag.vLong !== null && tag.vLong !== undefined) return Number(tag.vLong.readBigInt64BE(0));
  return undefined;
}

function toSpans(batch: ThriftBatch): ThriftSpan[] {
  return batch.spans.map((span) => ({
    traceId: hex(span.traceIdHigh) + hex(span.traceIdLow),
    spanId: hex(span.spanId),
    parentSpanId: hex(span.parentSpanId),
    operationName: span.operationName,
    serviceName: batch.process.serviceName,
    tags: Object.fromEntries((span.tags ?? []).map((tag) => [tag.key, tagValue(tag)])),
  }));
}

/** Decodes one agent UDP packet: an `Agent.emitBatch` call in binary Thrift. */
export function decodeAgentPacket(packet: Buffer): ThriftSpan[] {
  const result = agentThrift.Agent.emitBatch.argumentsMessageRW.readFrom(packet, 0);
  if (result.err !== null) throw result.err;
  return toSpans((result.value as { body: { batch: ThriftBatch } }).body.batch);
}

/** Decodes a collector HTTP body: one binary Thrift `Batch`. */
export function decodeCollectorBody(body: Buffer): ThriftSpan[] {
  const result = jaegerThrift.Batch.rw.readFrom(body, 0);
  if (result.err !== null) throw result.err;
  return toSpans(result.value as ThriftBatch);
}

/**
 * Receive buffer asked for by the agent stand-in: a burst of full 65000-byte packets overflows the
 * kernel's default (about 200 KB) before the test's event loop reads them. Linux caps the request
 * at net.core.rmem_max.
 */
const AGENT_RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;

/** Drain markers are short; real agent packets never are, so only short datagrams are checked. */
const MAX_MARKER_BYTES = 64;

/** The agent stand-in and what it has received so far. */
export interface AgentReceiver {
  port: number;
  /** Every span of every packet that decoded, in arrival order. */
  spans: ThriftSpan[];
  /** The size in bytes of every datagram received, decodable or not. */
  packetSizes: number[];
  /** Why datagrams that could not be decoded failed. */
  decodeErrors: Error[];
  /** The receive buffer the kernel granted, in bytes. */
  receiveBufferBytes: number;
  /**
   * Resolves once everything that reached the socket before this call has been read: it sends a
   * marker datagram to the socket and waits for it (loopback keeps one socket's queue in order).
   */
  drained(timeoutMillis?: number): Promise<void>;
  close(): Promise<void>;
}

/** A Jaeger agent stand-in: UDP on 127.0.0.1 and an ephemeral port. */
export async function startAgentReceiver(): Promise<AgentReceiver> {
  const socket: Socket = createSocket({ type: 'udp4', recvBufferSize: AGENT_RECEIVE_BUFFER_BYTES });
  const spans: ThriftSpan[] = [];
  const packetSizes: number[] = [];
  const decodeErrors: Error[] = [];
  const markers = new Map<string, () => void>();
  socket.on('message', (packet) => {
    const marker = packet.length <= MAX_MARKER_BYTES ? markers.get(packet.toString('latin1')) : undefined;
    if (marker !== undefined) return marker();
    packetSizes.push(packet.length);
    try {
      spans.push(...decodeAgentPacket(packet));
    } catch (error) {
      decodeErrors.push(error instanceof Error ? error : new Error(String(error)));
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  let markerCount = 0;
  const drained = (timeoutMillis = 10_000): Promise<void> => {
    const marker = `drain-marker-${++markerCount}`;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        markers.delete(marker);
        reject(new Error(`drain marker not received within ${timeoutMillis} ms`));
      }, timeoutMillis);
      markers.set(marker, () => {
        clearTimeout(timer);
        markers.delete(marker);
        resolve();
      });
      socket.send(Buffer.from(marker, 'latin1'), port, '127.0.0.1');
    });
  };
  return {
    port,
    spans,
    packetSizes,
    decodeErrors,
    receiveBufferBytes: socket.getRecvBufferSize(),
    drained,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** A Jaeger collector stand-in: HTTP `POST /api/traces` on 127.0.0.1 and an ephemeral port. */
export async function startCollectorReceiver(): Promise<{ url: string; spans: ThriftSpan[]; headers: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const spans: ThriftSpan[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      headers.push(request.headers);
      spans.push(...decodeCollectorBody(Buffer.concat(chunks)));
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/traces`,
    spans,
    headers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
