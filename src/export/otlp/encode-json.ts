import { SpanStatusCode, type Attributes, type Link } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '../../sdk/sdk-types';
import { anyValueKind } from './any-value-kind';
import { groupSpans, type ScopeGroup } from './span-groups';
import { otlpSpanFlags } from './span-flags';
import { unixNanosString } from './unix-nanos';

type ScopeWithAttributes = ReadableSpan['instrumentationScope'] & { attributes?: Attributes; droppedAttributesCount?: number };

/**
 * Encodes a batch as an OTLP/JSON `ExportTraceServiceRequest`: lowerCamelCase keys, trace and
 * span ids as hex, 64-bit integers as decimal strings, enums as numbers, default values left out.
 * The text is built directly rather than through an intermediate object tree.
 */
export function encodeTraceRequestJson(spans: readonly ReadableSpan[]): Buffer {
  let out = '{"resourceSpans":[';
  let firstResource = true;
  for (const group of groupSpans(spans)) {
    out += firstResource ? '{"resource":{"attributes":' : ',{"resource":{"attributes":';
    firstResource = false;
    out += attributesJson(group.resource.attributes);
    out += `},"scopeSpans":${jsonList(group.scopes, scopeSpansJson)}`;
    if (group.resource.schemaUrl !== undefined && group.resource.schemaUrl !== '') out += `,"schemaUrl":${JSON.stringify(group.resource.schemaUrl)}`;
    out += '}';
  }
  out += ']}';
  return Buffer.from(out, 'utf8');
}

/** A JSON array of `items`, each encoded by `toJson`. */
function jsonList<T>(items: readonly T[], toJson: (item: T) => string): string {
  let out = '[';
  for (let index = 0; index < items.length; index++) {
    if (index > 0) out += ',';
    out += toJson(items[index] as T);
  }
  return `${out}]`;
}

function scopeSpansJson(group: ScopeGroup): string {
  const scope = group.scope as ScopeWithAttributes;
  let out = `{"scope":{"name":${JSON.stringify(scope.name)}`;
  if (scope.version !== undefined && scope.version !== '') out += `,"version":${JSON.stringify(scope.version)}`;
  if (scope.attributes !== undefined) out += `,"attributes":${attributesJson(scope.attributes)}`;
  if ((scope.droppedAttributesCount ?? 0) !== 0) out += `,"droppedAttributesCount":${scope.droppedAttributesCount}`;
  out += `},"spans":${jsonList(group.spans, spanJson)}`;
  if (scope.schemaUrl !== undefined && scope.schemaUrl !== '') out += `,"schemaUrl":${JSON.stringify(scope.schemaUrl)}`;
  return `${out}}`;
}

function spanJson(span: ReadableSpan): string {
  const context = span.spanContext();
  let out = `{"traceId":"${context.traceId}","spanId":"${context.spanId}"`;
  const traceState = context.traceState?.serialize() ?? '';
  if (traceState !== '') out += `,"traceState":${JSON.stringify(traceState)}`;
  const parentSpanId = span.parentSpanContext?.spanId ?? '';
  if (parentSpanId !== '') out += `,"parentSpanId":"${parentSpanId}"`;
  out += `,"flags":${otlpSpanFlags(context.traceFlags, span.parentSpanContext?.isRemote)}`;
  out += `,"name":${JSON.stringify(span.name)},"kind":${span.kind + 1}`;
  out += `,"startTimeUnixNano":"${unixNanosString(span.startTime)}","endTimeUnixNano":"${unixNanosString(span.endTime)}"`;
  out += `,"attributes":${attributesJson(span.attributes)}`;
  if (span.droppedAttributesCount !== 0) out += `,"droppedAttributesCount":${span.droppedAttributesCount}`;
  out += `,"events":${jsonList(span.events, eventJson)}`;
  if (span.droppedEventsCount !== 0) out += `,"droppedEventsCount":${span.droppedEventsCount}`;
  out += `,"links":${jsonList(span.links, linkJson)}`;
  if (span.droppedLinksCount !== 0) out += `,"droppedLinksCount":${span.droppedLinksCount}`;
  out += ',"status":{';
  const message = span.status.message ?? '';
  if (message !== '') out += `"message":${JSON.stringify(message)}`;
  if (span.status.code !== SpanStatusCode.UNSET) out += `${message !== '' ? ',' : ''}"code":${span.status.code}`;
  return `${out}}}`;
}

function eventJson(event: TimedEvent): string {
  let out = `{"timeUnixNano":"${unixNanosString(event.time)}","name":${JSON.stringify(event.name)}`;
  if (event.attributes !== undefined) out += `,"attributes":${attributesJson(event.attributes)}`;
  if ((event.droppedAttributesCount ?? 0) !== 0) out += `,"droppedAttributesCount":${event.droppedAttributesCount}`;
  return `${out}}`;
}

function linkJson(link: Link): string {
  const context = link.context;
  let out = `{"traceId":"${context.traceId}","spanId":"${context.spanId}"`;
  const traceState = context.traceState?.serialize() ?? '';
  if (traceState !== '') out += `,"traceState":${JSON.stringify(traceState)}`;
  if (link.attributes !== undefined) out += `,"attributes":${attributesJson(link.attributes)}`;
  if ((link.droppedAttributesCount ?? 0) !== 0) out += `,"droppedAttributesCount":${link.droppedAttributesCount}`;
  return `${out},"flags":${otlpSpanFlags(context.traceFlags, context.isRemote)}}`;
}

export function attributesJson(attributes: Attributes): string {
  let out = '[';
  let first = true;
  for (const key in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
    out += first ? '' : ',';
    first = false;
    out += keyValueJson(key, attributes[key]);
  }
  return `${out}]`;
}

function keyValueJson(key: string, value: unknown): string {
  return `{"key":${JSON.stringify(key)},"value":${anyValueJson(value)}}`;
}

function anyValueJson(value: unknown): string {
  switch (anyValueKind(value)) {
    case 'string':
      return `{"stringValue":${JSON.stringify(value)}}`;
    case 'bool':
      return (value as boolean) ? '{"boolValue":true}' : '{"boolValue":false}';
    case 'int':
      return `{"intValue":"${value as number}"}`;
    case 'double':
      return `{"doubleValue":${doubleJson(value as number)}}`;
    case 'bytes':
      return `{"bytesValue":"${Buffer.from((value as Uint8Array).buffer, (value as Uint8Array).byteOffset, (value as Uint8Array).byteLength).toString('base64')}"}`;
    case 'array':
      return `{"arrayValue":{"values":[${(value as unknown[]).map(anyValueJson).join(',')}]}}`;
    case 'kvlist': {
      const entries = value as Record<string, unknown>;
      return `{"kvlistValue":{"values":[${Object.keys(entries).map((key) => keyValueJson(key, entries[key])).join(',')}]}}`;
    }
    case 'empty':
      return '{}';
  }
}

/** The proto3 JSON form of a double: NaN and the infinities are strings, as JSON has no literal for them. */
export function doubleJson(value: number): string {
  if (Number.isFinite(value)) return String(value);
  if (Number.isNaN(value)) return '"NaN"';
  return value > 0 ? '"Infinity"' : '"-Infinity"';
}
