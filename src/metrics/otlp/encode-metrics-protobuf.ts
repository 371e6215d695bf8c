import type { Attributes } from '@opentelemetry/api';
import { writeAttributes } from '../../export/otlp/encode-protobuf';
import {
  AggregationTemporality,
  ExemplarField,
  ExportMetricsServiceRequestField,
  HistogramDataPointField,
  MetricDataField,
  MetricField,
  NumberDataPointField,
  ResourceField,
  ResourceMetricsField,
  ScopeField,
  ScopeMetricsField,
} from '../../export/otlp/proto-fields';
import type { ProtobufWriter } from '../../export/otlp/protobuf-writer';
import { millisToHrTime } from '../../sdk/time';
import type { Exemplar, HistogramPoint, NumberPoint } from '../metric-data';
import type { ExportedMetric, MetricsExport } from './temporality';
import { METRICS_SCOPE } from './scope';


/**
 * Encodes one push as a protobuf `ExportMetricsServiceRequest`: one resource, one scope, each
 * instrument as a gauge, sum or histogram, with histogram exemplars (trace and span id).
 */
export function encodeMetricsRequestProtobuf(batch: MetricsExport, resource: Attributes, writer: ProtobufWriter): Buffer {
  const resourceMetrics = writer.beginMessage(ExportMetricsServiceRequestField.resourceMetrics, 3);
  const resourceMark = writer.beginMessage(ResourceMetricsField.resource, 2);
  writeAttributes(writer, ResourceField.attributes, resource);
  writer.endMessage(resourceMark);
  const scopeMetrics = writer.beginMessage(ResourceMetricsField.scopeMetrics, 3);
  const scope = writer.beginMessage(ScopeMetricsField.scope);
  writer.string(ScopeField.name, METRICS_SCOPE.name);
  writer.string(ScopeField.version, METRICS_SCOPE.version);
  writer.endMessage(scope);
  for (const exported of batch.metrics) writeMetric(writer, exported, batch.timeMillis);
  writer.endMessage(scopeMetrics);
  writer.endMessage(resourceMetrics);
  return writer.finish();
}

function writeMetric(writer: ProtobufWriter, exported: ExportedMetric, timeMillis: number): void {
  const { metric } = exported;
  if (metric.points.length === 0) return;
  const mark = writer.beginMessage(ScopeMetricsField.metrics, 2);
  writer.string(MetricField.name, metric.name);
  writer.string(MetricField.description, metric.description);
  writer.string(MetricField.unit, metric.unit);
  const temporality = exported.temporality === 'delta' ? AggregationTemporality.delta : AggregationTemporality.cumulative;
  switch (metric.kind) {
    case 'gauge': {
      const data = writer.beginMessage(MetricField.gauge, 2);
      for (const point of metric.points) writeNumberPoint(writer, point, exported.startTimeMillis, timeMillis);
      writer.endMessage(data);
      break;
    }
    case 'sum': {
      const data = writer.beginMessage(MetricField.sum, 2);
      for (const point of metric.points) writeNumberPoint(writer, point, exported.startTimeMillis, timeMillis);
      writer.uint32(MetricDataField.aggregationTemporality, temporality);
      if (metric.monotonic) writer.bool(MetricDataField.isMonotonic, true);
      writer.endMessage(data);
      break;
    }
    case 'histogram': {
      const data = writer.beginMessage(MetricField.histogram, 2);
      for (const point of metric.points) writeHistogramPoint(writer, point, metric.boundaries, exported.startTimeMillis, timeMillis);
      writer.uint32(MetricDataField.aggregationTemporality, temporality);
      writer.endMessage(data);
      break;
    }
  }
  writer.endMessage(mark);
}

function writeNumberPoint(writer: ProtobufWriter, point: NumberPoint, startMillis: number, timeMillis: number): void {
  const mark = writer.beginMessage(MetricDataField.dataPoints);
  writer.timestamp(NumberDataPointField.startTimeUnixNano, millisToHrTime(startMillis));
  writer.timestamp(NumberDataPointField.timeUnixNano, millisToHrTime(timeMillis));
  writer.double(NumberDataPointField.asDouble, point.value);
  writeAttributes(writer, NumberDataPointField.attributes, point.attributes);
  writer.endMessage(mark);
}

function writeHistogramPoint(writer: ProtobufWriter, point: HistogramPoint, boundaries: readonly number[], startMillis: number, timeMillis: number): void {
  const mark = writer.beginMessage(MetricDataField.dataPoints, 2);
  writer.timestamp(HistogramDataPointField.startTimeUnixNano, millisToHrTime(startMillis));
  writer.timestamp(HistogramDataPointField.timeUnixNano, millisToHrTime(timeMillis));
  writer.fixed64(HistogramDataPointField.count, point.count);
  writer.double(HistogramDataPointField.sum, point.sum);
  writer.packedFixed64(HistogramDataPointField.bucketCounts, point.bucketCounts);
  writer.packedDouble(HistogramDataPointField.explicitBounds, boundaries);
  for (const exemplar of point.exemplars) writeExemplar(writer, exemplar);
  writeAttributes(writer, HistogramDataPointField.attributes, point.attributes);
  if (point.count > 0 && Number.isFinite(point.min)) writer.double(HistogramDataPointField.min, point.min);
  if (point.count > 0 && Number.isFinite(point.max)) writer.double(HistogramDataPointField.max, point.max);
  writer.endMessage(mark);
}

function writeExemplar(writer: ProtobufWriter, exemplar: Exemplar): void {
  const mark = writer.beginMessage(HistogramDataPointField.exemplars);
  writer.timestamp(ExemplarField.timeUnixNano, millisToHrTime(Math.round(exemplar.timeMillis)));
  writer.double(ExemplarField.asDouble, exemplar.value);
  writer.hexBytes(ExemplarField.spanId, exemplar.spanId);
  writer.hexBytes(ExemplarField.traceId, exemplar.traceId);
  writer.endMessage(mark);
}
