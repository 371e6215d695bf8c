import { SpanStatusCode, type Attributes, type Link, type SpanContext } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '../../sdk/sdk-types';
import { anyValueKind } from './any-value-kind';
import {
  AnyValueField,
  EventField,
  ExportTraceServiceRequestField,
  KeyValueField,
  LinkField,
  ListField,
  ResourceField,
  ResourceSpansField,
  ScopeField,
  ScopeSpansField,
  SpanField,
  StatusField,
} from './proto-fields';
import type { ProtobufWriter } from './protobuf-writer';
import { groupSpans, type ScopeGroup } from './span-groups';
import { otlpSpanFlags } from './span-flags';

/** Length-prefix room for a span: most encode to between 128 bytes and 16 KiB. */
const SPAN_PREFIX_BYTES = 2;
/** Length-prefix room for resource and scope groups: a typical batch is between 16 KiB and 2 MiB. */
const GROUP_PREFIX_BYTES = 3;

/** Scope attributes are not in the 2.x type but some tracers carry them; read them when present. */
type ScopeWithAttributes = ReadableSpan['instrumentationScope'] & { attributes?: Attributes; droppedAttributesCount?: number };

/**
 * Encodes a batch as a protobuf `ExportTraceServiceRequest` into `writer` and returns the bytes.
 * Spans are grouped by resource, then instrumentation scope.
 */
export function encodeTraceRequestProtobuf(spans: readonly ReadableSpan[], writer: ProtobufWriter): Buffer {
  for (const group of groupSpans(spans)) {
    const resourceSpans = writer.beginMessage(ExportTraceServiceRequestField.resourceSpans, GROUP_PREFIX_BYTES);
    const resource = writer.beginMessage(ResourceSpansField.resource);
    writeAttributes(writer, ResourceField.attributes, group.resource.attributes);
    writer.endMessage(resource);
    for (const scopeGroup of group.scopes) writeScopeSpans(writer, scopeGroup);
    writer.string(ResourceSpansField.schemaUrl, group.resource.schemaUrl ?? '');
    writer.endMessage(resourceSpans);
  }
  return writer.finish();
}

function writeScopeSpans(writer: ProtobufWriter, group: ScopeGroup): void {
  const scopeSpans = writer.beginMessage(ResourceSpansField.scopeSpans, GROUP_PREFIX_BYTES);
  const scope = group.scope as ScopeWithAttributes;
  const scopeMark = writer.beginMessage(ScopeSpansField.scope);
  writer.string(ScopeField.name, scope.name);
  writer.string(ScopeField.version, scope.version ?? '');
  if (scope.attributes !== undefined) writeAttributes(writer, ScopeField.attributes, scope.attributes);
  writer.uint32(ScopeField.droppedAttributesCount, scope.droppedAttributesCount ?? 0);
  writer.endMessage(scopeMark);
  for (const span of group.spans) writeSpan(writer, span);
  writer.string(ScopeSpansField.schemaUrl, scope.schemaUrl ?? '');
  writer.endMessage(scopeSpans);
}

function writeSpan(writer: ProtobufWriter, span: ReadableSpan): void {
  const mark = writer.beginMessage(ScopeSpansField.spans, SPAN_PREFIX_BYTES);
  const context = span.spanContext();
  writer.hexBytes(SpanField.traceId, context.traceId);
  writer.hexBytes(SpanField.spanId, context.spanId);
  writer.string(SpanField.traceState, context.traceState?.serialize() ?? '');
  writer.hexBytes(SpanField.parentSpanId, span.parentSpanContext?.spanId ?? '');
  writer.string(SpanField.name, span.name);
  writer.uint32(SpanField.kind, span.kind + 1);
  writer.timestamp(SpanField.startTimeUnixNano, span.startTime);
  writer.timestamp(SpanField.endTimeUnixNano, span.endTime);
  writeAttributes(writer, SpanField.attributes, span.attributes);
  writer.uint32(SpanField.droppedAttributesCount, span.droppedAttributesCount);
  for (const event of span.events) writeEvent(writer, event);
  writer.uint32(SpanField.droppedEventsCount, span.droppedEventsCount);
  for (const link of span.links) writeLink(writer, link);
  writer.uint32(SpanField.droppedLinksCount, span.droppedLinksCount);
  if (span.status.code !== SpanStatusCode.UNSET || (span.status.message ?? '') !== '') {
    const status = writer.beginMessage(SpanField.status);
    writer.string(StatusField.message, span.status.message ?? '');
    writer.uint32(StatusField.code, span.status.code);
    writer.endMessage(status);
  }
  writer.fixed32(SpanField.flags, otlpSpanFlags(context.traceFlags, span.parentSpanContext?.isRemote));
  writer.endMessage(mark);
}

function writeEvent(writer: ProtobufWriter, event: TimedEvent): void {
  const mark = writer.beginMessage(SpanField.events);
  writer.timestamp(EventField.timeUnixNano, event.time);
  writer.string(EventField.name, event.name);
  if (event.attributes !== undefined) writeAttributes(writer, EventField.attributes, event.attributes);
  writer.uint32(EventField.droppedAttributesCount, event.droppedAttributesCount ?? 0);
  writer.endMessage(mark);
}

function writeLink(writer: ProtobufWriter, link: Link): void {
  const mark = writer.beginMessage(SpanField.links);
  const context: SpanContext = link.context;
  writer.hexBytes(LinkField.traceId, context.traceId);
  writer.hexBytes(LinkField.spanId, context.spanId);
  writer.string(LinkField.traceState, context.traceState?.serialize() ?? '');
  if (link.attributes !== undefined) writeAttributes(writer, LinkField.attributes, link.attributes);
  writer.uint32(LinkField.droppedAttributesCount, link.droppedAttributesCount ?? 0);
  writer.fixed32(LinkField.flags, otlpSpanFlags(context.traceFlags, context.isRemote));
  writer.endMessage(mark);
}

export function writeAttributes(writer: ProtobufWriter, field: number, attributes: Attributes): void {
  for (const key in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
    writeKeyValue(writer, field, key, attributes[key]);
  }
}

function writeKeyValue(writer: ProtobufWriter, field: number, key: string, value: unknown): void {
  const mark = writer.beginMessage(field);
  writer.string(KeyValueField.key, key, true);
  writeAnyValue(writer, KeyValueField.value, value);
  writer.endMessage(mark);
}

function writeAnyValue(writer: ProtobufWriter, field: number, value: unknown): void {
  const mark = writer.beginMessage(field);
  switch (anyValueKind(value)) {
    case 'string':
      writer.string(AnyValueField.stringValue, value as string, true);
      break;
    case 'bool':
      writer.bool(AnyValueField.boolValue, value as boolean);
      break;
    case 'int':
      writer.int64(AnyValueField.intValue, value as number);
      break;
    case 'double':
      writer.double(AnyValueField.doubleValue, value as number);
      break;
    case 'bytes':
      writer.bytes(AnyValueField.bytesValue, value as Uint8Array);
      break;
    case 'array': {
      const array = writer.beginMessage(AnyValueField.arrayValue);
      for (const item of value as unknown[]) writeAnyValue(writer, ListField.values, item);
      writer.endMessage(array);
      break;
    }
    case 'kvlist': {
      const list = writer.beginMessage(AnyValueField.kvlistValue);
      const entries = value as Record<string, unknown>;
      for (const key of Object.keys(entries)) writeKeyValue(writer, ListField.values, key, entries[key]);
      writer.endMessage(list);
      break;
    }
    case 'empty':
      break;
  }
  writer.endMessage(mark);
}
