import { describe, expect, it } from 'vitest';
import { encodeTraceRequestJson } from '../../../src/export/otlp/encode-json';
import { encodeTraceRequestProtobuf } from '../../../src/export/otlp/encode-protobuf';
import { ProtobufWriter } from '../../../src/export/otlp/protobuf-writer';
import { decodeTraceRequestJson, OtlpJsonError } from '../../../src/cli/otlp/decode-json';
import { decodeTraceRequestProtobuf } from '../../../src/cli/otlp/decode-protobuf';
import { toReadableSpans } from '../../../src/cli/otlp/readable-span';
import { WireFormatError } from '../../../src/cli/otlp/wire-reader';
import type { ReadableSpan } from '../../../src/sdk/sdk-types';
import { recordFixtureSpans } from '../export/otlp-span-fixtures';

const protobuf = (spans: readonly ReadableSpan[]): Buffer => encodeTraceRequestProtobuf(spans, new ProtobufWriter());

describe('OTLP decoding of the ui receiver', () => {
  it('decodes protobuf and JSON of the same spans into the same spans', async () => {
    const spans = await recordFixtureSpans(3);
    const fromProtobuf = decodeTraceRequestProtobuf(protobuf(spans));
    const fromJson = decodeTraceRequestJson(encodeTraceRequestJson(spans));
    expect(fromProtobuf).toHaveLength(spans.length);
    expect(fromJson).toEqual(fromProtobuf);
  });

  it('keeps every field the encoders write', async () => {
    const spans = await recordFixtureSpans();
    const decoded = decodeTraceRequestProtobuf(protobuf(spans));
    const server = decoded.find((span) => span.name === 'GET /users/:id');
    expect(server).toMatchObject({
      kind: 2,
      parentSpanId: 'b7ad6b7169203331',
      startTimeUnixNano: '1700000000123456789',
      endTimeUnixNano: '1700000002999999999',
      resource: { service: 'encoder-test' },
      scope: { name: 'scope-a', version: '1.2.3', schemaUrl: 'https://opentelemetry.io/schemas/1.26.0' },
    });
    expect(server?.start).toBeCloseTo(1_700_000_000_123.456, 2);
    expect(server?.attributes).toMatchObject({ text: 'plain', yes: true, small: 7, big: 2 ** 50 + 3, negative: -42, ratio: 0.25, strings: ['a', '', 'c'], numbers: [1, 2.5, -3] });
    // The SDK keeps the newest events past the limit.
    expect(server?.events.map((event) => event.name)).toEqual(['dropped 1', 'dropped 2', 'dropped 3']);
    expect(server?.droppedEventsCount).toBe(3);
    expect(server?.links).toHaveLength(2);
    expect(server?.droppedLinksCount).toBe(1);
    expect(decoded.find((span) => span.name === 'child 1')?.status).toEqual({ code: 2, message: 'connection refused' });
  });

  it('turns decoded spans back into spans that encode to the very same bytes', async () => {
    const spans = await recordFixtureSpans(5);
    const original = protobuf(spans);
    const again = toReadableSpans(decodeTraceRequestProtobuf(original));
    expect(protobuf(again).equals(original)).toBe(true);
    expect(encodeTraceRequestJson(again).toString()).toBe(encodeTraceRequestJson(spans).toString());
  });

  it('refuses bytes that are not a trace request', () => {
    expect(() => decodeTraceRequestProtobuf(Buffer.from('this is plain text, not protobuf'))).toThrow(WireFormatError);
    expect(() => decodeTraceRequestProtobuf(Buffer.from([0x0a, 0x50, 0x01]))).toThrow(/past the end/);
    expect(() => decodeTraceRequestJson('{"resourceSpans": 3}')).toThrow(OtlpJsonError);
    expect(() => decodeTraceRequestJson('{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "xyz"}]}]}]}')).toThrow(/invalid id/);
    expect(() => decodeTraceRequestJson('{"resourceSpans":')).toThrow(SyntaxError);
  });

  it('a truncated protobuf request fails instead of decoding part of it', async () => {
    const body = protobuf(await recordFixtureSpans());
    expect(() => decodeTraceRequestProtobuf(body.subarray(0, body.length - 7))).toThrow(WireFormatError);
  });

  it('reads what other OTLP/JSON writers produce: snake_case keys, base64 ids, enum names, numeric times', () => {
    const spans = decodeTraceRequestJson({
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'legacy' } }] },
          scope_spans: [
            {
              scope: { name: 's' },
              spans: [
                {
                  trace_id: Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex').toString('base64'),
                  span_id: Buffer.from('b7ad6b7169203331', 'hex').toString('base64'),
                  name: 'op',
                  kind: 'SPAN_KIND_CLIENT',
                  start_time_unix_nano: 1_000_000,
                  end_time_unix_nano: '3000000',
                  status: { code: 'STATUS_CODE_ERROR' },
                  attributes: [{ key: 'n', value: { int_value: '9007199254740993' } }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(spans[0]).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', kind: 3, start: 1, end: 3, status: { code: 2 }, resource: { service: 'legacy' } });
    expect(spans[0]?.attributes.n).toBe('9007199254740993');
  });
});
