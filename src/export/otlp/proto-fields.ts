/**
 * Field numbers of the OTLP messages this package writes, from opentelemetry-proto
 * (collector/trace/v1/trace_service.proto, trace/v1/trace.proto, common/v1/common.proto,
 * resource/v1/resource.proto).
 */
export const ExportTraceServiceRequestField = { resourceSpans: 1 } as const;

/** `opentelemetry.proto.trace.v1.ResourceSpans` */
export const ResourceSpansField = { resource: 1, scopeSpans: 2, schemaUrl: 3 } as const;

/** `opentelemetry.proto.resource.v1.Resource` */
export const ResourceField = { attributes: 1, droppedAttributesCount: 2 } as const;

/** `opentelemetry.proto.trace.v1.ScopeSpans` */
export const ScopeSpansField = { scope: 1, spans: 2, schemaUrl: 3 } as const;

/** `opentelemetry.proto.common.v1.InstrumentationScope` */
export const ScopeField = { name: 1, version: 2, attributes: 3, droppedAttributesCount: 4 } as const;

/** `opentelemetry.proto.trace.v1.Span` */
export const SpanField = {
  traceId: 1,
  spanId: 2,
  traceState: 3,
  parentSpanId: 4,
  name: 5,
  kind: 6,
  startTimeUnixNano: 7,
  endTimeUnixNano: 8,
  attributes: 9,
  droppedAttributesCount: 10,
  events: 11,
  droppedEventsCount: 12,
  links: 13,
  droppedLinksCount: 14,
  status: 15,
  flags: 16,
} as const;

/** `opentelemetry.proto.trace.v1.Span.Event` */
export const EventField = { timeUnixNano: 1, name: 2, attributes: 3, droppedAttributesCount: 4 } as const;

/** `opentelemetry.proto.trace.v1.Span.Link` */
export const LinkField = { traceId: 1, spanId: 2, traceState: 3, attributes: 4, droppedAttributesCount: 5, flags: 6 } as const;

/** `opentelemetry.proto.trace.v1.Status` (field 1 is reserved) */
export const StatusField = { message: 2, code: 3 } as const;

/** `opentelemetry.proto.common.v1.KeyValue` */
export const KeyValueField = { key: 1, value: 2 } as const;

/** `opentelemetry.proto.common.v1.AnyValue` */
export const AnyValueField = { stringValue: 1, boolValue: 2, intValue: 3, doubleValue: 4, arrayValue: 5, kvlistValue: 6, bytesValue: 7 } as const;

/** `ArrayValue` and `KeyValueList` both hold their items in field 1. */
export const ListField = { values: 1 } as const;

/** `opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest` */
export const ExportMetricsServiceRequestField = { resourceMetrics: 1 } as const;

/** `opentelemetry.proto.metrics.v1.ResourceMetrics` */
export const ResourceMetricsField = { resource: 1, scopeMetrics: 2, schemaUrl: 3 } as const;

/** `opentelemetry.proto.metrics.v1.ScopeMetrics` */
export const ScopeMetricsField = { scope: 1, metrics: 2, schemaUrl: 3 } as const;

/** `opentelemetry.proto.metrics.v1.Metric` */
export const MetricField = { name: 1, description: 2, unit: 3, gauge: 5, sum: 7, histogram: 9 } as const;

/** `Gauge`, `Sum` and `Histogram` (`Gauge` has only its data points). */
export const MetricDataField = { dataPoints: 1, aggregationTemporality: 2, isMonotonic: 3 } as const;

/** `opentelemetry.proto.metrics.v1.NumberDataPoint` */
export const NumberDataPointField = { startTimeUnixNano: 2, timeUnixNano: 3, asDouble: 4, exemplars: 5, asInt: 6, attributes: 7, flags: 8 } as const;

/** `opentelemetry.proto.metrics.v1.HistogramDataPoint` */
export const HistogramDataPointField = { startTimeUnixNano: 2, timeUnixNano: 3, count: 4, sum: 5, bucketCounts: 6, explicitBounds: 7, exemplars: 8, attributes: 9, flags: 10, min: 11, max: 12 } as const;

/** `opentelemetry.proto.metrics.v1.Exemplar` */
export const ExemplarField = { timeUnixNano: 2, asDouble: 3, spanId: 4, traceId: 5, asInt: 6, filteredAttributes: 7 } as const;

/** `AggregationTemporality` */
export const AggregationTemporality = { delta: 1, cumulative: 2 } as const;
