import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeTraceRequestJson } from '../../../src/export/otlp/encode-json';
import { encodeTraceRequestProtobuf } from '../../../src/export/otlp/encode-protobuf';
import { ProtobufWriter } from '../../../src/export/otlp/protobuf-writer';
import { decodeJsonTraces, decodeProtobufTraces } from '../../integration/support/otlp-decode';
import { decodeJsonRequest, decodeProtobufRequest, type DecodedRequest, type DecodedSpan } from '../../integration/support/otlp-full-decode';
import { recordFixtureSpans } from './otlp-span-fixtures';

function officialProtobuf(spans: ReadableSpan[]): Buffer {
  const bytes = ProtobufTraceSerializer.serializeRequest(spans);
  if (bytes === undefined) throw new Error('official protobuf serializer returned nothing');
  return Buffer.from(bytes);
}

function officialJson(spans: ReadableSpan[]): Buffer {
  const bytes = JsonTraceSerializer.serializeRequest(spans);
  if (bytes === undefined) throw new Error('official JSON serializer returned nothing');
  return Buffer.from(bytes);
}

const allSpans = (request: DecodedRequest): DecodedSpan[] => request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
const spanNamed = (request: DecodedRequest, name: string): DecodedSpan => {
  const span = allSpans(request).find((candidate) => candidate.name === name);
  if (span === undefined) throw new Error(`no span ${name}`);
  return span;
};

describe('OTLP trace encoders', () => {
  let spans: ReadableSpan[];
  let ours: { protobuf: DecodedRequest; json: DecodedRequest };
  beforeAll(async () => {
    // 300 extra spans make the ScopeSpans message longer than 16 KiB: three-byte length prefixes.
    spans = await recordFixtureSpans(300);
    ours = { protobuf: decodeProtobufRequest(encodeTraceRequestProtobuf(spans, new ProtobufWriter(64))), json: decodeJsonRequest(encodeTraceRequestJson(spans)) };
  });

  it('protobuf output decodes to exactly what the official serializer produces, field by field', () => {
    expect(allSpans(ours.protobuf)).toHaveLength(305);
    expect(ours.protobuf).toEqual(decodeProtobufRequest(officialProtobuf(spans)));
  });

  it('JSON output decodes to exactly what the official serializer produces, field by field', () => {
    expect(ours.json).toEqual(decodeJsonRequest(officialJson(spans)));
  });

  it('protobuf and JSON carry the same request', () => {
    expect(ours.json).toEqual(ours.protobuf);
  });

  it('the receiver decoder used by the integration tests sees the same spans as from the official encoders', () => {
    expect(decodeProtobufTraces(encodeTraceRequestProtobuf(spans, new ProtobufWriter()))).toEqual(decodeProtobufTraces(officialProtobuf(spans)));
    expect(decodeJsonTraces(encodeTraceRequestJson(spans))).toEqual(decodeJsonTraces(officialJson(spans)));
  });

  it('groups by resource, then scope with version and schema URL', () => {
    expect(ours.protobuf.resourceSpans).toHaveLength(1);
    const resource = ours.protobuf.resourceSpans[0]!;
    expect(resource.resource.attributes).toContainEqual({ key: 'host.cores', value: { int: '2' } });
    expect(resource.scopeSpans.map((scope) => [scope.scope.name, scope.scope.version, scope.schemaUrl, scope.spans.length])).toEqual([
      ['scope-a', '1.2.3', 'https://opentelemetry.io/schemas/1.26.0', 3],
      ['scope-b', '', '', 302],
    ]);
  });

  it('writes ids, parent, trace state, kind, times, flags and status as the proto defines them', () => {
    const server = spanNamed(ours.protobuf, 'GET /users/:id');
    expect(server.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(server.parentSpanId).toBe('b7ad6b7169203331');
    expect(server.traceState).toBe('vendor=abc,other=1');
    expect(server.kind).toBe(2); // SERVER: API kind 1, proto kind 2
    expect(server.startTimeUnixNano).toBe('1700000000123456789');
    expect(server.endTimeUnixNano).toBe('1700000002999999999');
    // sampled, remote-ness known, parent remote
    expect(server.flags).toBe(0x01 | 0x100 | 0x200);
    expect(server.status).toEqual({ code: 0, message: '' });
    const child = spanNamed(ours.protobuf, 'child 1');
    expect(child.kind).toBe(3);
    expect(child.parentSpanId).toBe(server.spanId);
    expect(child.flags).toBe(0x01 | 0x100); // local parent
    expect(child.status).toEqual({ code: 2, message: 'connection refused' });
    const root = spanNamed(ours.protobuf, 'root 0');
    expect(root.parentSpanId).toBe('');
  });

  it('keeps int and double apart and encodes arrays, negatives and long Unicode text', () => {
    const attributes = Object.fromEntries(spanNamed(ours.protobuf, 'GET /users/:id').attributes.map(({ key, value }) => [key, value]));
    expect(attributes).toMatchObject({
      zero: { int: '0' },
      small: { int: '7' },
      big: { int: String(2 ** 50 + 3) },
      negative: { int: '-42' },
      ratio: { double: 0.25 },
      yes: { bool: true },
      no: { bool: false },
      empty: { string: '' },
      unicode: { string: 'Grüße, 世界 — '.repeat(20) },
      numbers: { array: [{ int: '1' }, { double: 2.5 }, { int: '-3' }] },
    });
  });

  it('reports dropped attributes, events and links and keeps event and link details', () => {
    const server = spanNamed(ours.protobuf, 'GET /users/:id');
    expect(server.attributes).toHaveLength(16);
    expect(server.droppedAttributesCount).toBe(3);
    expect(server.events.map((event) => event.name)).toEqual(['dropped 1', 'dropped 2', 'dropped 3']);
    expect(server.droppedEventsCount).toBe(3);
    expect(server.links).toHaveLength(2);
    expect(server.droppedLinksCount).toBe(1);
    expect(server.links[0]?.flags).toBe(0x100);
    expect(server.links[1]).toEqual({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: '00f067aa0ba902b7',
      traceState: 'vendor=abc,other=1',
      attributes: [{ key: 'reason', value: { string: 'batch' } }],
      droppedAttributesCount: 0,
      flags: 0x01 | 0x100 | 0x200,
    });
  });

  it('JSON uses hex ids, decimal-string 64-bit integers and numeric enums', () => {
    const text = encodeTraceRequestJson(spans).toString('utf8');
    expect(text).toContain('"traceId":"0af7651916cd43dd8448eb211c80319c"');
    expect(text).toContain('"startTimeUnixNano":"1700000000123456789"');
    expect(text).toContain('{"key":"small","value":{"intValue":"7"}}');
    expect(text).toContain('"kind":2');
    expect(() => JSON.parse(text) as unknown).not.toThrow();
  });

  it('an empty batch is an empty request, and the writer is reusable across batches', () => {
    const writer = new ProtobufWriter(16);
    expect(encodeTraceRequestProtobuf([], writer)).toHaveLength(0);
    expect(JSON.parse(encodeTraceRequestJson([]).toString('utf8'))).toEqual({ resourceSpans: [] });
    const first = encodeTraceRequestProtobuf(spans, writer);
    const second = encodeTraceRequestProtobuf(spans, writer);
    expect(second.equals(first)).toBe(true);
  });
});
