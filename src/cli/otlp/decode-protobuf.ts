import type { ViewAttributes, ViewEvent, ViewLink, ViewResource, ViewScope, ViewSpan, ViewValue } from '../trace-model';
import { unixNanos, WireFormatError, WireReader, WireType } from './wire-reader';
import { serviceOf } from './service-name';

/**
 * Decodes an OTLP/HTTP protobuf `ExportTraceServiceRequest` into spans. Throws
 * {@link WireFormatError} when the bytes are not such a message. Unknown fields are skipped, as
 * protobuf requires, so newer senders still decode.
 */
export function decodeTraceRequestProtobuf(body: Uint8Array): ViewSpan[] {
  const spans: ViewSpan[] = [];
  const request = new WireReader(body);
  while (!request.done) {
    const [field, wireType] = request.tag();
    if (field === 1) {
      expectType(wireType, WireType.lengthDelimited, 'resourceSpans');
      readResourceSpans(request.message(), spans);
    } else request.skip(wireType);
  }
  return spans;
}

function expectType(actual: number, expected: number, name: string): void {
  if (actual !== expected) throw new WireFormatError(`${name} has wire type ${actual}, expected ${expected}`);
}

function readResourceSpans(reader: WireReader, out: ViewSpan[]): void {
  const resource: ViewResource = { attributes: {}, droppedAttributesCount: 0, schemaUrl: '', service: '' };
  const scopeReaders: WireReader[] = [];
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) readResource(reader.message(), resource);
    else if (field === 2 && wireType === WireType.lengthDelimited) scopeReaders.push(reader.message());
    else if (field === 3 && wireType === WireType.lengthDelimited) resource.schemaUrl = reader.string();
    else reader.skip(wireType);
  }
  resource.service = serviceOf(resource.attributes);
  // Spans come after the resource is known, whatever the field order on the wire.
  for (const scopeReader of scopeReaders) readScopeSpans(scopeReader, resource, out);
}

function readResource(reader: WireReader, resource: ViewResource): void {
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) readKeyValue(reader.message(), resource.attributes);
    else if (field === 2 && wireType === WireType.varint) resource.droppedAttributesCount = reader.uint32();
    else reader.skip(wireType);
  }
}

function readScopeSpans(reader: WireReader, resource: ViewResource, out: ViewSpan[]): void {
  const scope: ViewScope = { name: '', version: '', attributes: {}, droppedAttributesCount: 0, schemaUrl: '' };
  const spanReaders: WireReader[] = [];
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) readScope(reader.message(), scope);
    else if (field === 2 && wireType === WireType.lengthDelimited) spanReaders.push(reader.message());
    else if (field === 3 && wireType === WireType.lengthDelimited) scope.schemaUrl = reader.string();
    else reader.skip(wireType);
  }
  for (const spanReader of spanReaders) out.push(readSpan(spanReader, resource, scope));
}

function readScope(reader: WireReader, scope: ViewScope): void {
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) scope.name = reader.string();
    else if (field === 2 && wireType === WireType.lengthDelimited) scope.version = reader.string();
    else if (field === 3 && wireType === WireType.lengthDelimited) readKeyValue(reader.message(), scope.attributes);
    else if (field === 4 && wireType === WireType.varint) scope.droppedAttributesCount = reader.uint32();
    else reader.skip(wireType);
  }
}

function readSpan(reader: WireReader, resource: ViewResource, scope: ViewScope): ViewSpan {
  const span: ViewSpan = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    traceState: '',
    flags: 0,
    name: '',
    kind: 0,
    start: 0,
    end: 0,
    startTimeUnixNano: '0',
    endTimeUnixNano: '0',
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
    resource,
    scope,
  };
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    switch (wireType === WireType.lengthDelimited ? field : -field) {
      case 1:
        span.traceId = reader.hex();
        break;
      case 2:
        span.spanId = reader.hex();
        break;
      case 3:
        span.traceState = reader.string();
        break;
      case 4:
        span.parentSpanId = reader.hex();
        break;
      case 5:
        span.name = reader.string();
        break;
      case 9:
        readKeyValue(reader.message(), span.attributes);
        break;
      case 11:
        span.events.push(readEvent(reader.message()));
        break;
      case 13:
        span.links.push(readLink(reader.message()));
        break;
      case 15:
        span.status = readStatus(reader.message());
        break;
      case -6:
        span.kind = reader.uint32();
        break;
      case -7:
      case -8: {
        expectType(wireType, WireType.fixed64, 'span time');
        const [low, high] = reader.fixed64Halves();
        const time = unixNanos(low, high);
        if (field === 7) [span.start, span.startTimeUnixNano] = [time.millis, time.text];
        else [span.end, span.endTimeUnixNano] = [time.millis, time.text];
        break;
      }
      case -10:
        span.droppedAttributesCount = reader.uint32();
        break;
      case -12:
        span.droppedEventsCount = reader.uint32();
        break;
      case -14:
        span.droppedLinksCount = reader.uint32();
        break;
      case -16:
        expectType(wireType, WireType.fixed32, 'span flags');
        span.flags = reader.fixed32();
        break;
      default:
        reader.skip(wireType);
    }
  }
  if (span.traceId.length !== 32 || span.spanId.length !== 16) throw new WireFormatError('span without a valid trace id or span id');
  return span;
}

function readEvent(reader: WireReader): ViewEvent {
  const event: ViewEvent = { name: '', time: 0, timeUnixNano: '0', attributes: {}, droppedAttributesCount: 0 };
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.fixed64) {
      const [low, high] = reader.fixed64Halves();
      const time = unixNanos(low, high);
      event.time = time.millis;
      event.timeUnixNano = time.text;
    } else if (field === 2 && wireType === WireType.lengthDelimited) event.name = reader.string();
    else if (field === 3 && wireType === WireType.lengthDelimited) readKeyValue(reader.message(), event.attributes);
    else if (field === 4 && wireType === WireType.varint) event.droppedAttributesCount = reader.uint32();
    else reader.skip(wireType);
  }
  return event;
}

function readLink(reader: WireReader): ViewLink {
  const link: ViewLink = { traceId: '', spanId: '', traceState: '', attributes: {}, droppedAttributesCount: 0, flags: 0 };
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) link.traceId = reader.hex();
    else if (field === 2 && wireType === WireType.lengthDelimited) link.spanId = reader.hex();
    else if (field === 3 && wireType === WireType.lengthDelimited) link.traceState = reader.string();
    else if (field === 4 && wireType === WireType.lengthDelimited) readKeyValue(reader.message(), link.attributes);
    else if (field === 5 && wireType === WireType.varint) link.droppedAttributesCount = reader.uint32();
    else if (field === 6 && wireType === WireType.fixed32) link.flags = reader.fixed32();
    else reader.skip(wireType);
  }
  return link;
}

function readStatus(reader: WireReader): ViewSpan['status'] {
  const status = { code: 0, message: '' };
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field === 2 && wireType === WireType.lengthDelimited) status.message = reader.string();
    else if (field === 3 && wireType === WireType.varint) status.code = reader.uint32();
    else reader.skip(wireType);
  }
  return status;
}

function readKeyValue(reader: WireReader, into: ViewAttributes): void {
  let key = '';
  let value: ViewValue = null;
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) key = reader.string();
    else if (field === 2 && wireType === WireType.lengthDelimited) value = readAnyValue(reader.message());
    else reader.skip(wireType);
  }
  into[key] = value;
}

function readAnyValue(reader: WireReader): ViewValue {
  let value: ViewValue = null;
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) value = reader.string();
    else if (field === 2 && wireType === WireType.varint) value = reader.bool();
    else if (field === 3 && wireType === WireType.varint) value = reader.int64();
    else if (field === 4 && wireType === WireType.fixed64) value = reader.double();
    else if (field === 5 && wireType === WireType.lengthDelimited) value = readList(reader.message());
    else if (field === 6 && wireType === WireType.lengthDelimited) value = readKeyValueList(reader.message());
    else if (field === 7 && wireType === WireType.lengthDelimited) value = reader.base64();
    else reader.skip(wireType);
  }
  return value;
}

function readList(reader: WireReader): ViewValue[] {
  const values: ViewValue[] = [];
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) values.push(readAnyValue(reader.message()));
    else reader.skip(wireType);
  }
  return values;
}

function readKeyValueList(reader: WireReader): { [key: string]: ViewValue } {
  const entries: { [key: string]: ViewValue } = {};
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) readKeyValue(reader.message(), entries);
    else reader.skip(wireType);
  }
  return entries;
}
