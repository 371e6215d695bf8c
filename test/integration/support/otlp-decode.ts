import { bytesOf, firstBytes, readMessage, stringOf, varintOf, type WireMessage } from './protobuf-wire';

/** A span as the test receiver saw it, the same shape for protobuf and JSON payloads. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  status: { code: number; message: string };
  resource: Record<string, unknown>;
  scope: string;
  links: Array<{ traceId: string; spanId: string }>;
  events: string[];
}

function decodeAnyValue(message: WireMessage): unknown {
  const text = stringOf(message, 1);
  if (text !== undefined) return text;
  const boolValue = varintOf(message, 2);
  if (boolValue !== undefined) return boolValue === 1n;
  const intValue = varintOf(message, 3);
  if (intValue !== undefined) return Number(BigInt.asIntN(64, intValue));
  const doubleBytes = message.get(4)?.[0];
  if (Buffer.isBuffer(doubleBytes)) return doubleBytes.readDoubleLE(0);
  const array = firstBytes(message, 5);
  if (array !== undefined) return bytesOf(readMessage(array), 1).map((item) => decodeAnyValue(readMessage(item)));
  return undefined;
}

function decodeAttributes(list: Buffer[]): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const raw of list) {
    const keyValue = readMessage(raw);
    const key = stringOf(keyValue, 1) ?? '';
    const value = firstBytes(keyValue, 2);
    attributes[key] = value === undefined ? undefined : decodeAnyValue(readMessage(value));
  }
  return attributes;
}

const hex = (bytes: Buffer | undefined): string => (bytes === undefined ? '' : bytes.toString('hex'));

/** Decodes an OTLP/HTTP protobuf ExportTraceServiceRequest. */
export function decodeProtobufTraces(body: Buffer): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpansBytes of bytesOf(readMessage(body), 1)) {
    const resourceSpans = readMessage(resourceSpansBytes);
    const resourceBytes = firstBytes(resourceSpans, 1);
    const resource = resourceBytes === undefined ? {} : decodeAttributes(bytesOf(readMessage(resourceBytes), 1));
    for (const scopeSpansBytes of bytesOf(resourceSpans, 2)) {
      const scopeSpans = readMessage(scopeSpansBytes);
      const scopeBytes = firstBytes(scopeSpans, 1);
      const scope = scopeBytes === undefined ? '' : (stringOf(readMessage(scopeBytes), 1) ?? '');
      for (const spanBytes of bytesOf(scopeSpans, 2)) {
        const span = readMessage(spanBytes);
        const parent = hex(firstBytes(span, 4));
        const statusBytes = firstBytes(span, 15);
        const status = statusBytes === undefined ? undefined : readMessage(statusBytes);
        spans.push({
          traceId: hex(firstBytes(span, 1)),
          spanId: hex(firstBytes(span, 2)),
          parentSpanId: parent === '' ? undefined : parent,
          name: stringOf(span, 5) ?? '',
          kind: Number(varintOf(span, 6) ?? 0n),
          attributes: decodeAttributes(bytesOf(span, 9)),
          status: { code: Number(status === undefined ? 0n : (varintOf(status, 3) ?? 0n)), message: status === undefined ? '' : (stringOf(status, 2) ?? '') },
          resource,
          scope,
          links: bytesOf(span, 13).map((link) => {
            const decoded = readMessage(link);
            return { traceId: hex(firstBytes(decoded, 1)), spanId: hex(firstBytes(decoded, 2)) };
          }),
          events: bytesOf(span, 11).map((event) => stringOf(readMessage(event), 2) ?? ''),
        });
      }
    }
  }
  return spans;
}

interface JsonKeyValue {
  key: string;
  value: Record<string, unknown>;
}

function jsonValue(value: Record<string, unknown>): unknown {
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('arrayValue' in value) return ((value.arrayValue as { values?: Array<Record<string, unknown>> }).values ?? []).map(jsonValue);
  return undefined;
}

function jsonAttributes(list: JsonKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((entry) => [entry.key, jsonValue(entry.value)]));
}

/** Decodes an OTLP/HTTP JSON ExportTraceServiceRequest. */
export function decodeJsonTraces(body: Buffer): ReceivedSpan[] {
  type JsonSpan = {
    traceId: string;
    spanId: string;
    parentSpanId?: string;
    name: string;
    kind: number;
    attributes?: JsonKeyValue[];
    status?: { code?: number; message?: string };
    links?: Array<{ traceId: string; spanId: string }>;
    events?: Array<{ name: string }>;
  };
  const request = JSON.parse(body.toString('utf8')) as {
    resourceSpans?: Array<{ resource?: { attributes?: JsonKeyValue[] }; scopeSpans?: Array<{ scope?: { name?: string }; spans?: JsonSpan[] }> }>;
  };
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = jsonAttributes(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        spans.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId === undefined || span.parentSpanId === '' ? undefined : span.parentSpanId,
          name: span.name,
          kind: span.kind,
          attributes: jsonAttributes(span.attributes),
          status: { code: span.status?.code ?? 0, message: span.status?.message ?? '' },
          resource,
          scope: scopeSpans.scope?.name ?? '',
          links: (span.links ?? []).map((link) => ({ traceId: link.traceId, spanId: link.spanId })),
          events: (span.events ?? []).map((event) => event.name),
        });
      }
    }
  }
  return spans;
}
