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

/** A Jaeger agent stand-in: UDP on 127.0.0.1 and an ephemeral port. */
export async function startAgentReceiver(): Promise<{ port: number; spans: ThriftSpan[]; packetSizes: number[]; close(): Promise<void> }> {
  const socket: Socket = createSocket('udp4');
  const spans: ThriftSpan[] = [];
  const packetSizes: number[] = [];
  socket.on('message', (packet) => {
    packetSizes.push(packet.length);
    spans.push(...decodeAgentPacket(packet));
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, spans, packetSizes, close: () => new Promise((resolve) => socket.close(() => resolve())) };
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
