import type { Attributes } from '@opentelemetry/api';
import type { ProcessorTelemetry } from '../../processing/processor-stats';
import type { SpanExporter } from '../../sdk/sdk-types';
import { HTTP_DURATION_BUCKETS } from '../buckets';
import type { HistogramPoint, MetricData, MetricProducer, NumberPoint } from '../metric-data';

/** A processor that reports its self-metrics. */
export interface ReportingProcessor {
  telemetry(): ProcessorTelemetry;
}

/** The semantic conventions' `otel.component.type` of an exporter: the known ones by name, others by class. */
export function exporterComponentType(exporter: SpanExporter): string {
  const declared = (exporter as { componentType?: unknown }).componentType;
  if (typeof declared === 'string') return declared;
  const name = (exporter as { constructor?: { name?: unknown } }).constructor?.name;
  switch (name) {
    case 'OTLPTraceExporter':
      return 'otlp_grpc_span_exporter';
    case 'JaegerExporter':
    case 'PacketLimitedExporter':
      return 'jaeger_thrift_span_exporter';
    case 'ConsoleTreeExporter':
    case 'ConsoleSpanExporter':
      return 'console_span_exporter';
    case 'MemorySpanExporter':
    case 'InMemorySpanExporter':
      return 'in_memory_span_exporter';
    default:
      return typeof name === 'string' && name !== '' ? name : 'span_exporter';
  }
}

/**
 * The processors' and exporters' self-metrics, read from each processor at collection time:
 * `otel.sdk.processor.span.processed` (with `error.type` `queue_full` for drops), queue size and
 * capacity, `otel.sdk.exporter.span.exported` (with the failure cause), spans in flight and
 * `otel.sdk.exporter.operation.duration`. Components are named `<type>/<index>`.
 */
export class ProcessorMetrics implements MetricProducer {
  readonly #processors: readonly ReportingProcessor[];

  constructor(processors: readonly ReportingProcessor[]) {
    this.#processors = processors;
  }

  collect(): MetricData[] {
    const processed: NumberPoint[] = [];
    const queueSize: NumberPoint[] = [];
    const queueCapacity: NumberPoint[] = [];
    const exported: NumberPoint[] = [];
    const inFlight: NumberPoint[] = [];
    const durations: HistogramPoint[] = [];
    const indexes = new Map<string, number>();
    const nameOf = (type: string): string => {
      const index = indexes.get(type) ?? 0;
      indexes.set(type, index + 1);
      return `${type}/${index}`;
    };
    for (const processor of this.#processors) {
      const telemetry = processor.telemetry();
      const own: Attributes = { 'otel.component.type': telemetry.componentType, 'otel.component.name': nameOf(telemetry.componentType) };
      const exporterType = exporterComponentType(telemetry.exporter);
      const exporter: Attributes = { 'otel.component.type': exporterType, 'otel.component.name': nameOf(exporterType) };
      processed.push({ attributes: own, value: telemetry.passed });
      if (telemetry.dropped > 0) processed.push({ attributes: { ...own, 'error.type': 'queue_full' }, value: telemetry.dropped });
      if (telemetry.queueSize !== undefined) queueSize.push({ attributes: own, value: telemetry.queueSize });
      if (telemetry.queueCapacity !== undefined) queueCapacity.push({ attributes: own, value: telemetry.queueCapacity });
      exported.push({ attributes: exporter, value: telemetry.exported });
      for (const [cause, count] of telemetry.failedBy) exported.push({ attributes: { ...exporter, 'error.type': cause }, value: count });
      inFlight.push({ attributes: exporter, value: telemetry.inFlight });
      for (const point of telemetry.durations) durations.push({ ...point, attributes: { ...exporter, ...point.attributes } });
    }
    const span = '{span}';
    return [
      { kind: 'sum', monotonic: true, name: 'otel.sdk.processor.span.processed', description: 'The number of spans for which the processing has finished, either successful or failed.', unit: span, points: processed },
      { kind: 'sum', monotonic: false, name: 'otel.sdk.processor.span.queue.size', description: 'The number of spans in the queue of a given instance of an SDK span processor.', unit: span, points: queueSize },
      { kind: 'sum', monotonic: false, name: 'otel.sdk.processor.span.queue.capacity', description: 'The maximum number of spans the queue of a given instance of an SDK span processor can hold.', unit: span, points: queueCapacity },
      { kind: 'sum', monotonic: true, name: 'otel.sdk.exporter.span.exported', description: 'The number of spans for which the export has finished, either successful or failed.', unit: span, points: exported },
      { kind: 'sum', monotonic: false, name: 'otel.sdk.exporter.span.inflight', description: 'The number of spans which were passed to the exporter, but that have not been exported yet.', unit: span, points: inFlight },
      { kind: 'histogram', name: 'otel.sdk.exporter.operation.duration', description: 'The duration of exporting a batch of telemetry records.', unit: 's', boundaries: HTTP_DURATION_BUCKETS, points: durations },
    ];
  }
}
