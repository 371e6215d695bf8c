import type { ViewAttributes, ViewEvent, ViewLink, ViewResource, ViewScope, ViewSpan, ViewValue } from '../trace-model';
import { serviceOf } from './service-name';
import { millisOfNanos } from './wire-reader';

/** Thrown for JSON that is not an OTLP `ExportTraceServiceRequest`. */
export class OtlpJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OtlpJsonError';
  }
}

type Json = Record<string, unknown>;

/**
 * Decodes an OTLP/JSON `ExportTraceServiceRequest` (text or an already parsed value) into spans.
 * Accepts what OTLP/JSON senders write: lowerCamelCase or the proto's snake_case keys, hex ids
 * (or base64, the plain proto3 mapping), 64-bit numbers as strings or numbers, enums as numbers
 * or names. Throws {@link OtlpJsonError} (or `SyntaxError`) for anything else.
 */
export function decodeTraceRequestJson(body: string | Uint8Array | Json): ViewSpan[] {
  const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : body instanceof Uint8Array ? JSON.parse(utf8.decode(body)) : body;
  if (!isObject(parsed)) throw new OtlpJsonError('the request is not a JSON object');
  const spans: ViewSpan[] = [];
  for (const resourceSpans of list(parsed, 'resourceSpans', 'resource_spans')) {
    const resourceJson = objectField(resourceSpans, 'resource');
    const attributes = attributesOf(resourceJson);
    const resource: ViewResource = {
      attributes,
      droppedAttributesCount: count(field(resourceJson, 'droppedAttributesCount', 'dropped_attributes_count')),
      schemaUrl: text(field(resourceSpans, 'schemaUrl', 'schema_url')),
      service: serviceOf(attributes),
    };
    for (const scopeSpans of list(resourceSpans, 'scopeSpans', 'scope_spans', 'instrumentationLibrarySpans')) {
      const scopeJson = objectField(scopeSpans, 'scope') ?? objectField(scopeSpans, 'instrumentationLibrary');
      const scope: ViewScope = {
        name: text(field(scopeJson, 'name')),
        version: text(field(scopeJson, 'version')),
        attributes: attributesOf(scopeJson),
        droppedAttributesCount: count(field(scopeJson, 'droppedAttributesCount', 'dropped_attributes_count')),
        schemaUrl: text(field(scopeSpans, 'schemaUrl', 'schema_url')),
      };
      for (const span of list(scopeSpans, 'spans')) spans.push(decodeSpan(span, resource, scope));
    }
  }
  return spans;
}

const utf8 = new TextDecoder('utf-8');

function decodeSpan(span: Json, resource: ViewResource, scope: ViewScope): ViewSpan {
  const traceId = id(field(span, 'traceId', 'trace_id'), 16);
  const spanId = id(field(span, 'spanId', 'span_id'), 8);
  if (traceId === '' || spanId === '') throw new OtlpJsonError('a span has no valid traceId or spanId');
  const start = nanos(field(span, 'startTimeUnixNano', 'start_time_unix_nano'));
  const end = nanos(field(span, 'endTimeUnixNano', 'end_time_unix_nano'));
  const status = objectField(span, 'status');
  return {
    traceId,
    spanId,
    parentSpanId: id(field(span, 'parentSpanId', 'parent_span_id'), 8),
    traceState: text(field(span, 'traceState', 'trace_state')),
    flags: count(field(span, 'flags')),
    name: text(field(span, 'name')),
    kind: enumValue(field(span, 'kind'), SPAN_KINDS),
    start: start.millis,
    end: end.millis,
    startTimeUnixNano: start.text,
    endTimeUnixNano: end.text,
    attributes: attributesOf(span),
    droppedAttributesCount: count(field(span, 'droppedAttributesCount', 'dropped_attributes_count')),
    events: list(span, 'events').map(decodeEvent),
    droppedEventsCount: count(field(span, 'droppedEventsCount', 'dropped_events_count')),
    links: list(span, 'links').map(decodeLink),
    droppedLinksCount: count(field(span, 'droppedLinksCount', 'dropped_links_count')),
    status: { code: enumValue(field(status, 'code'), STATUS_CODES), message: text(field(status, 'message')) },
    resource,
    scope,
  };
}

function decodeEvent(event: Json): ViewEvent {
  const time = nanos(field(event, 'timeUnixNano', 'time_unix_nano'));
  return {
    name: text(field(event, 'name')),
    time: time.millis,
    timeUnixNano: time.text,
    attributes: attributesOf(event),
    droppedAttributesCount: count(field(event, 'droppedAttributesCount', 'dropped_attributes_count')),
  };
}

function decodeLink(link: Json): ViewLink {
  return {
    traceId: id(field(link, 'traceId', 'trace_id'), 16),
    spanId: id(field(link, 'spanId', 'span_id'), 8),
    traceState: text(field(link, 'traceState', 'trace_state')),
    attributes: attributesOf(link),
    droppedAttributesCount: count(field(link, 'droppedAttributesCount', 'dropped_attributes_count')),
    flags: count(field(link, 'flags')),
  };
}

const SPAN_KINDS = ['SPAN_KIND_UNSPECIFIED', 'SPAN_KIND_INTERNAL', 'SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT', 'SPAN_KIND_PRODUCER', 'SPAN_KIND_CONSUMER'];
const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(object: Json | undefined, ...names: string[]): unknown {
  if (object === undefined) return undefined;
  for (const name of names) if (object[name] !== undefined) return object[name];
  return undefined;
}

function objectField(object: Json | undefined, name: string): Json | undefined {
  const value = field(object, name);
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new OtlpJsonError(`"${name}" is not an object`);
  return value;
}

function list(object: Json, ...names: string[]): Json[] {
  const value = field(object, ...names);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isObject)) throw new OtlpJsonError(`"${names[0]}" is not a list of objects`);
  return value;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function count(value: unknown): number {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : 0;
  return Number.isFinite(parsed) ? parsed : 0;
}

function enumValue(value: unknown, names: readonly string[]): number {
  if (typeof value === 'string') {
    const index = names.indexOf(value);
    return index >= 0 ? index : count(value);
  }
  return count(value);
}

/** Hex ids as OTLP/JSON writes them; base64 (the plain proto3 mapping) is accepted too. */
function id(value: unknown, byteLength: number): string {
  if (typeof value !== 'string' || value === '') return '';
  if (value.length === byteLength * 2 && /^[0-9a-fA-F]+$/.test(value)) return value.toLowerCase();
  if (/^[A-Za-z0-9+/_-]+=*$/.test(value)) {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === byteLength) return bytes.toString('hex');
  }
  throw new OtlpJsonError(`invalid id ${JSON.stringify(value.slice(0, 40))}`);
}

function nanos(value: unknown): { text: string; millis: number } {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    const big = BigInt(Math.trunc(value));
    return { text: big.toString(), millis: millisOfNanos(big) };
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    const big = BigInt(value);
    return { text: big.toString(), millis: millisOfNanos(big) };
  }
  if (value === undefined) return { text: '0', millis: 0 };
  throw new OtlpJsonError(`invalid timestamp ${JSON.stringify(value)}`);
}

function attributesOf(object: Json | undefined): ViewAttributes {
  const attributes: ViewAttributes = {};
  if (object === undefined) return attributes;
  for (const entry of list(object, 'attributes')) attributes[text(entry.key)] = anyValue(entry.value);
  return attributes;
}

function anyValue(value: unknown): ViewValue {
  if (!isObject(value)) return null;
  const stringValue = field(value, 'stringValue', 'string_value');
  if (stringValue !== undefined) return text(stringValue);
  const boolValue = field(value, 'boolValue', 'bool_value');
  if (boolValue !== undefined) return boolValue === true;
  const intValue = field(value, 'intValue', 'int_value');
  if (intValue !== undefined) return int64(intValue);
  const doubleValue = field(value, 'doubleValue', 'double_value');
  if (doubleValue !== undefined) return typeof doubleValue === 'number' ? doubleValue : Number(doubleValue);
  const arrayValue = field(value, 'arrayValue', 'array_value');
  if (arrayValue !== undefined) return isObject(arrayValue) ? list(arrayValue, 'values').map(anyValue) : [];
  const kvlistValue = field(value, 'kvlistValue', 'kvlist_value');
  if (kvlistValue !== undefined) return isObject(kvlistValue) ? attributesOf({ attributes: kvlistValue.values }) : {};
  const bytesValue = field(value, 'bytesValue', 'bytes_value');
  if (bytesValue !== undefined) return text(bytesValue);
  return null;
}

function int64(value: unknown): number | string {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    const parsed = Number(value);
    return Number.isSafeInteger(parsed) ? parsed : BigInt(value).toString();
  }
  throw new OtlpJsonError(`invalid intValue ${JSON.stringify(value)}`);
}
