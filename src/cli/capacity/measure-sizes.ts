import { encodeTraceRequestJson } from '../../export/otlp/encode-json';
import { encodeTraceRequestProtobuf } from '../../export/otlp/encode-protobuf';
import { ProtobufWriter } from '../../export/otlp/protobuf-writer';
import { loadThriftSpanSizer } from '../../export/jaeger/thrift-span-sizer';
import { MissingOptionalPackageError, requireOptional } from '../../optional-package';
import type { ReadableSpan } from '../../sdk/sdk-types';

/** An encoding the exporters send. */
export type WireEncoding = 'otlp-protobuf' | 'otlp-json' | 'jaeger-thrift';

/** Bytes per span in one encoding, measured by encoding the spans as the exporter does. */
export interface EncodingSize {
  encoding: WireEncoding;
  available: boolean;
  /** Why it could not be measured. */
  reason?: string;
  totalBytes: number;
  /** Total bytes over spans: what one span costs on the wire, its share of batch overhead included. */
  bytesPerSpan: number;
  /** Bytes of each span encoded alone (one-span requests): the spread across spans. */
  perSpan?: { p50: number; p95: number; max: number; min: number };
}

const JAEGER_PACKAGE = '@opentelemetry/exporter-jaeger';

/**
 * Encodes `spans` in batches of `batchSize` (the exporter's batch size) in each encoding and
 * reports the bytes. Thrift needs the optional Jaeger exporter package; without it that row says so.
 */
export function measureSizes(spans: readonly ReadableSpan[], batchSize: number): EncodingSize[] {
  const writer = new ProtobufWriter();
  const protobuf = measure('otlp-protobuf', spans, batchSize, (batch) => encodeTraceRequestProtobuf(batch, writer).length);
  const json = measure('otlp-json', spans, batchSize, (batch) => encodeTraceRequestJson(batch).length);
  return [protobuf, json, measureThrift(spans, batchSize)];
}

function measure(encoding: WireEncoding, spans: readonly ReadableSpan[], batchSize: number, size: (batch: readonly ReadableSpan[]) => number): EncodingSize {
  let totalBytes = 0;
  for (let start = 0; start < spans.length; start += batchSize) totalBytes += size(spans.slice(start, start + batchSize));
  const single = spans.map((span) => size([span])).sort((a, b) => a - b);
  return { encoding, available: true, totalBytes, bytesPerSpan: spans.length === 0 ? 0 : totalBytes / spans.length, perSpan: spread(single) };
}

function measureThrift(spans: readonly ReadableSpan[], batchSize: number): EncodingSize {
  try {
    requireOptional(JAEGER_PACKAGE, 'Measuring Jaeger Thrift sizes');
  } catch (error) {
    if (!(error instanceof MissingOptionalPackageError)) throw error;
    return { encoding: 'jaeger-thrift', available: false, reason: `not measured: install ${JAEGER_PACKAGE} to measure Thrift sizes`, totalBytes: 0, bytesPerSpan: 0 };
  }
  const sizer = loadThriftSpanSizer();
  const single: number[] = [];
  let totalBytes = 0;
  let batches = 0;
  const servicesPerBatch = new Set<string>();
  for (let index = 0; index < spans.length; index++) {
    if (index % batchSize === 0) {
      batches++;
      servicesPerBatch.clear();
    }
    const measured = sizer.measure(spans[index] as ReadableSpan);
    const bytes = measured.bytes ?? 0;
    single.push(bytes + sizer.emptyPacketBytes(measured.serviceName));
    totalBytes += bytes;
    // One process header per service per batch, as the exporter sends one batch per service.
    if (!servicesPerBatch.has(measured.serviceName)) {
      servicesPerBatch.add(measured.serviceName);
      totalBytes += sizer.emptyPacketBytes(measured.serviceName);
    }
  }
  single.sort((a, b) => a - b);
  return { encoding: 'jaeger-thrift', available: batches > 0, totalBytes, bytesPerSpan: spans.length === 0 ? 0 : totalBytes / spans.length, perSpan: spread(single) };
}

function spread(sorted: readonly number[]): EncodingSize['perSpan'] {
  if (sorted.length === 0) return undefined;
  const at = (fraction: number): number => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
  return { min: sorted[0] as number, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] as number };
}
