import { bytesOf, firstBytes, readMessage, stringOf, varintOf, type WireMessage } from './protobuf-wire';

/**
 * Decodes every field of an OTLP ExportTraceServiceRequest, protobuf or JSON, into one
 * normalised shape (defaults filled in, ids and bytes as hex, 64-bit numbers as decimal strings,
 * int and double kept apart) so two encodings of the same spans compare with toEqual.
 */
export type DecodedValue =
  | { string: string }
  | { bool: boolean }
  | { int: string }
  | { double: number }
  | { bytes: string }
  | { array: DecodedValue[] }
  | { kvlist: DecodedKeyValue[] }
  | { empty: true };

export interface DecodedKeyValue {
  key: string;
  value: DecodedValue;
}

export interface DecodedEvent {
  timeUnixNano: string;
  name: string;
  attributes: DecodedKeyValue[];
  droppedAttributesCount: number;
}

export interface DecodedLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: DecodedKeyValue[];
  droppedAttributesCount: number;
  flags: number;
}

export interface DecodedSpan {
  traceId: string;
  spanId: string;
  traceState: string;
  parentSpanId: string;
  flags: number;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: DecodedKeyValue[];
  droppedAttributesCount: number;
  events: DecodedEvent[];
  droppedEventsCount: number;
  links: DecodedLink[];
  droppedLinksCount: number;
  status: { code: number; message: string };
}

export interface DecodedScopeSpans {
  scope: { name: string; version: string; attributes: DecodedKeyValue[]; droppedAttributesCount: number };
  spans: DecodedSpan[];
  schemaUrl: string;
}

export interface DecodedResourceSpans {
  resource: { attributes: DecodedKeyValue[]; droppedAttributesCount: number };
  scopeSpans: DecodedScopeSpans[];
  schemaUrl: string;
}

export interface DecodedRequest {
  resourceSpans: DecodedResourceSpans[];
}

// ---- protobuf ----

const hexOf = (message: WireMessage, field: number): string => firstBytes(message, field)?.toString('hex') ?? '';
const uintOf = (message: WireMessage, field: number): number => Number(varintOf(message, field) ?? 0n);
const fixed32Of = (message: WireMessage, field: number): number => {
  const raw = message.get(field)?.[0];
  return Buffer.isBuffer(raw) ? raw.readUInt32LE(0) : 0;
};
const fixed64Of = (message: WireMessage, field: number): string => {
  const raw = message.get(field)?.[0];
  return Buffer.isBuffer(raw) ? raw.readBigUInt64LE(0).toString() : '0';
};

function protoValue(message: WireMessage): DecodedValue {
  if (message.has(1)) return { string: stringOf(message, 1) ?? '' };
  if (message.has(2)) return { bool: varintOf(message, 2) === 1n };
  if (message.has(3)) return { int: BigInt.asIntN(64, varintOf(message, 3) ?? 0n).toString() };
  const double = message.get(4)?.[0];
  if (Buffer.isBuffer(double)) return { double: double.readDoubleLE(0) };
  const array = firstBytes(message, 5);
  if (array !== undefined) return { array: bytesOf(readMessage(array), 1).map((item) => protoValue(readMessage(item))) };
  const kvlist = firstBytes(message, 6);
  if (kvlist !== undefined) return { kvlist: protoAttributes(bytesOf(readMessage(kvlist), 1)) };
  const bytes = firstBytes(message, 7);
  if (bytes !== undefined) return { bytes: bytes.toString('hex') };
  return { empty: true };
}

function protoAttributes(list: Buffer[]): DecodedKeyValue[] {
  return list.map((raw) => {
    const keyValue = readMessage(raw);
    const value = firstBytes(keyValue, 2);
    return { key: stringOf(keyValue, 1) ?? '', value: value === undefined ? { empty: true } : protoValue(readMessage(value)) };
  });
}

function protoSpan(span: WireMessage): DecodedSpan {
  const statusBytes = firstBytes(span, 15);
  const status = statusBytes === undefined ? (new Map() as WireMessage) : readMessage(statusBytes);
  return {
    traceId: hexOf(span, 1),
    spanId: hexOf(span, 2),
    traceState: stringOf(span, 3) ?? '',
    parentSpanId: hexOf(span, 4),
    flags: fixed32Of(span, 16),
    name: stringOf(span, 5) ?? '',
    kind: uintOf(span, 6),
    startTimeUnixNano: fixed64Of(span, 7),
    endTimeUnixNano: fixed64Of(span, 8),
    attributes: protoAttributes(bytesOf(span, 9)),
    droppedAttributesCount: uintOf(span, 10),
    events: bytesOf(span, 11).map((raw) => {
      const event = readMessage(raw);
      return { timeUnixNano: fixed64Of(event, 1), name: stringOf(event, 2) ?? '', attributes: protoAttributes(bytesOf(event, 3)), droppedAttributesCount: uintOf(event, 4) };
    }),
    droppedEventsCount: uintOf(span, 12),
    links: bytesOf(span, 13).map((raw) => {
      const link = readMessage(raw);
      return {
        traceId: hexOf(link, 1),
        spanId: hexOf(link, 2),
        traceState: stringOf(link, 3) ?? '',
        attributes: protoAttributes(bytesOf(link, 4)),
        droppedAttributesCount: uintOf(link, 5),
        flags: fixed32Of(link, 6),
      };
    }),
    droppedLinksCount: uintOf(span, 14),
    status: { code: uintOf(status, 3), message: stringOf(status, 2) ?? '' },
  };
}

/** Decodes a protobuf ExportTraceServiceRequest completely. */
export function decodeProtobufRequest(body: Uint8Array): DecodedRequest {
  const request = readMessage(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  return {
    resourceSpans: bytesOf(request, 1).map((raw) => {
      const resourceSpans = readMessage(raw);
      const resourceBytes = firstBytes(resourceSpans, 1);
      const resource = resourceBytes === undefined ? (new Map() as WireMessage) : readMessage(resourceBytes);
      return {
        resource: { attributes: protoAttributes(bytesOf(resource, 1)), droppedAttributesCount: uintOf(resource, 2) },
        scopeSpans: bytesOf(resourceSpans, 2).map((scopeRaw) => {
          const scopeSpans = readMessage(scopeRaw);
          const scopeBytes = firstBytes(scopeSpans, 1);
          const scope = scopeBytes === undefined ? (new Map() as WireMessage) : readMessage(scopeBytes);
          return {
            scope: { name: stringOf(scope, 1) ?? '', version: stringOf(scope, 2) ?? '', attributes: protoAttributes(bytesOf(scope, 3)), droppedAttributesCount: uintOf(scope, 4) },
            spans: bytesOf(scopeSpans, 2).map((spanRaw) => protoSpan(readMessage(spanRaw))),
            schemaUrl: stringOf(scopeSpans, 3) ?? '',
          };
        }),
        schemaUrl: stringOf(resourceSpans, 3) ?? '',
      };
    }),
  };
}

// ---- JSON ----

type Json = Record<string, unknown>;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const count = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : 0);
const nanos = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '0');

function jsonValue(value: Json | undefined): DecodedValue {
  if (value === undefined) return { empty: true };
  if ('stringValue' in value) return { string: text(value.stringValue) };
  if ('boolValue' in value) return { bool: value.boolValue === true };
  if ('intValue' in value) return { int: typeof value.intValue === 'number' ? String(value.intValue) : text(value.intValue) };
  if ('doubleValue' in value) return { double: typeof value.doubleValue === 'number' ? value.doubleValue : Number(value.doubleValue) };
  if ('bytesValue' in value) return { bytes: Buffer.from(text(value.bytesValue), 'base64').toString('hex') };
  if ('arrayValue' in value) return { array: list((value.arrayValue as Json | undefined)?.values).map(jsonValue) };
  if ('kvlistValue' in value) return { kvlist: jsonAttributes((value.kvlistValue as Json | undefined)?.values) };
  return { empty: true };
}

function jsonAttributes(value: unknown): DecodedKeyValue[] {
  return list(value).map((entry) => ({ key: text(entry.key), value: jsonValue(entry.value as Json | undefined) }));
}

function jsonSpan(span: Json): DecodedSpan {
  const status = (span.status ?? {}) as Json;
  return {
    traceId: text(span.traceId),
    spanId: text(span.spanId),
    traceState: text(span.traceState),
    parentSpanId: text(span.parentSpanId),
    flags: count(span.flags),
    name: text(span.name),
    kind: count(span.kind),
    startTimeUnixNano: nanos(span.startTimeUnixNano),
    endTimeUnixNano: nanos(span.endTimeUnixNano),
    attributes: jsonAttributes(span.attributes),
    droppedAttributesCount: count(span.droppedAttributesCount),
    events: list(span.events).map((event) => ({
      timeUnixNano: nanos(event.timeUnixNano),
      name: text(event.name),
      attributes: jsonAttributes(event.attributes),
      droppedAttributesCount: count(event.droppedAttributesCount),
    })),
    droppedEventsCount: count(span.droppedEventsCount),
    links: list(span.links).map((link) => ({
      traceId: text(link.traceId),
      spanId: text(link.spanId),
      traceState: text(link.traceState),
      attributes: jsonAttributes(link.attributes),
      droppedAttributesCount: count(link.droppedAttributesCount),
      flags: count(link.flags),
    })),
    droppedLinksCount: count(span.droppedLinksCount),
    status: { code: count(status.code), message: text(status.message) },
  };
}

/** Decodes an OTLP/JSON ExportTraceServiceRequest completely. */
export function decodeJsonRequest(body: Uint8Array): DecodedRequest {
  const request = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as Json;
  return {
    resourceSpans: list(request.resourceSpans).map((resourceSpans) => {
      const resource = (resourceSpans.resource ?? {}) as Json;
      return {
        resource: { attributes: jsonAttributes(resource.attributes), droppedAttributesCount: count(resource.droppedAttributesCount) },
        scopeSpans: list(resourceSpans.scopeSpans).map((scopeSpans) => {
          const scope = (scopeSpans.scope ?? {}) as Json;
          return {
            scope: { name: text(scope.name), version: text(scope.version), attributes: jsonAttributes(scope.attributes), droppedAttributesCount: count(scope.droppedAttributesCount) },
            spans: list(scopeSpans.spans).map(jsonSpan),
            schemaUrl: text(scopeSpans.schemaUrl),
          };
        }),
        schemaUrl: text(resourceSpans.schemaUrl),
      };
    }),
  };
}
