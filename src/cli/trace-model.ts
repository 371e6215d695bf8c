/**
 * The span shape the `ui` receiver, `view`, `capacity` and the web page share: what an OTLP
 * span carries, decoded from protobuf or JSON into plain JSON-safe values. Types only, so the
 * browser bundle can use it too.
 */

/** An attribute value as decoded: bytes become base64 text, 64-bit integers beyond 2^53 decimal text. */
export type ViewValue = string | number | boolean | null | ViewValue[] | { [key: string]: ViewValue };

/** Attributes by key, in the order they arrived. */
export type ViewAttributes = Record<string, ViewValue>;

/** A span event. */
export interface ViewEvent {
  name: string;
  /** Milliseconds since the epoch. */
  time: number;
  timeUnixNano: string;
  attributes: ViewAttributes;
  droppedAttributesCount: number;
}

/** A link to another span. */
export interface ViewLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: ViewAttributes;
  droppedAttributesCount: number;
  flags: number;
}

/** What produced a group of spans: one object shared by all spans of one OTLP resource. */
export interface ViewResource {
  attributes: ViewAttributes;
  droppedAttributesCount: number;
  schemaUrl: string;
  /** `service.name`, or `unknown_service` when there is none. */
  service: string;
}

/** The instrumentation scope of a span. */
export interface ViewScope {
  name: string;
  version: string;
  attributes: ViewAttributes;
  droppedAttributesCount: number;
  schemaUrl: string;
}

/** One span. Ids are lower-case hex; `parentSpanId` is empty for a root. */
export interface ViewSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState: string;
  flags: number;
  name: string;
  /** OTLP `SpanKind`: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  /** Milliseconds since the epoch (sub-millisecond precision kept). */
  start: number;
  end: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: ViewAttributes;
  droppedAttributesCount: number;
  events: ViewEvent[];
  droppedEventsCount: number;
  links: ViewLink[];
  droppedLinksCount: number;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string };
  resource: ViewResource;
  scope: ViewScope;
}

/** One line of the trace list. */
export interface TraceSummary {
  traceId: string;
  /** Service and name of the root span (or of the earliest span whose parent is missing). */
  rootService: string;
  rootName: string;
  /** Milliseconds since the epoch of the earliest span start. */
  start: number;
  /** Milliseconds from the earliest start to the latest end. */
  durationMillis: number;
  spanCount: number;
  errorCount: number;
  services: string[];
}

/** The receiver's counters, shown on the page. */
export interface StoreStats {
  traces: number;
  spans: number;
  maxTraces: number;
  maxSpans: number;
  receivedSpans: number;
  droppedTraces: number;
  droppedSpans: number;
  /** Spans received again (a retried export) and kept once. */
  duplicateSpans: number;
  acceptedRequests: number;
  rejectedRequests: number;
}
