/**
 * Decodes OTLP `ExportMetricsServiceRequest` bodies (protobuf and JSON) into one plain shape, so
 * tests compare what the package sends with what the official serializer sends.
 */
import { bytesOf, readMessage, stringOf, varintOf, type WireMessage } from './protobuf-wire';

export type DecodedValue = string | number | boolean | undefined;

export interface DecodedExemplar {
  traceId: string;
  spanId: string;
  value: number;
  timeUnixNano: bigint;
}

export interface DecodedPoint {
  attributes: Record<string, DecodedValue>;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  value?: number;
  count?: number;
  sum?: number;
  bucketCounts?: number[];
  explicitBounds?: number[];
  min?: number;
  max?: number;
  exemplars: DecodedExemplar[];
}

export interface DecodedMetric {
  name: string;
  description: string;
  unit: string;
  kind: 'gauge' | 'sum' | 'histogram';
  /** 1 delta, 2 cumulative; undefined for gauges. */
  temporality?: number;
  monotonic?: boolean;
  points: DecodedPoint[];
}

export interface DecodedMetricsRequest {
  resource: Record<string, DecodedValue>;
  scopes: Array<{ name: string; version: string; metrics: DecodedMetric[] }>;
}

const fixed64 = (buffer: Buffer | undefined): bigint => (buffer === undefined ? 0n : buffer.readBigUInt64LE(0));
const double = (buffer: Buffer | undefined): number | undefined => buffer?.readDoubleLE(0);
const raw = (message: WireMessage, field: number): Buffer | undefined => {
  const value = message.get(field)?.[0];
  return Buffer.isBuffer(value) ? value : undefined;
};

function anyValue(message: WireMessage): DecodedValue {
  if (message.has(1)) return stringOf(message, 1) ?? '';
  if (message.has(2)) return varintOf(message, 2) === 1n;
  if (message.has(3)) return Number(BigInt.asIntN(64, varintOf(message, 3) ?? 0n));
  if (message.has(4)) return double(raw(message, 4));
  return undefined;
}

function attributes(message: WireMessage, field: number): Record<string, DecodedValue> {
  const out: Record<string, DecodedValue> = {};
  for (const entry of bytesOf(message, field)) {
    const keyValue = readMessage(entry);
    const value = bytesOf(keyValue, 2)[0];
    out[stringOf(keyValue, 1) ?? ''] = value === undefined ? undefined : anyValue(readMessage(value));
  }
  return out;
}

function exemplars(message: WireMessage, field: number): DecodedExemplar[] {
  return bytesOf(message, field).map((bytes) => {
    const exemplar = readMessage(bytes);
    return { timeUnixNano: fixed64(raw(exemplar, 2)), value: double(raw(exemplar, 3)) ?? Number.NaN, spanId: (raw(exemplar, 4) ?? Buffer.alloc(0)).toString('hex'), traceId: (raw(exemplar, 5) ?? Buffer.alloc(0)).toString('hex') };
  });
}

function packed(buffer: Buffer | undefined, read: (buffer: Buffer, offset: number) => number): number[] {
  if (buffer === undefined) return [];
  const values: number[] = [];
  for (let offset = 0; offset + 8 <= buffer.length; offset += 8) values.push(read(buffer, offset));
  return values;
}

function numberPoint(bytes: Buffer): DecodedPoint {
  const point = readMessage(bytes);
  const asInt = raw(point, 6);
  return {
    attributes: attributes(point, 7),
    startTimeUnixNano: fixed64(raw(point, 2)),
    timeUnixNano: fixed64(raw(point, 3)),
    value: asInt === undefined ? double(raw(point, 4)) : Number(asInt.readBigInt64LE(0)),
    exemplars: exemplars(point, 5),
  };
}

function histogramPoint(bytes: Buffer): DecodedPoint {
  const point = readMessage(bytes);
  return {
    attributes: attributes(point, 9),
    startTimeUnixNano: fixed64(raw(point, 2)),
    timeUnixNano: fixed64(raw(point, 3)),
    count: Number(fixed64(raw(point, 4))),
    sum: double(raw(point, 5)),
    bucketCounts: packed(raw(point, 6), (buffer, offset) => Number(buffer.readBigUInt64LE(offset))),
    explicitBounds: packed(raw(point, 7), (buffer, offset) => buffer.readDoubleLE(offset)),
    min: double(raw(point, 11)),
    max: double(raw(point, 12)),
    exemplars: exemplars(point, 8),
  };
}

function metric(bytes: Buffer): DecodedMetric {
  const message = readMessage(bytes);
  const base = { name: stringOf(message, 1) ?? '', description: stringOf(message, 2) ?? '', unit: stringOf(message, 3) ?? '' };
  const gauge = raw(message, 5);
  if (gauge !== undefined) return { ...base, kind: 'gauge', points: bytesOf(readMessage(gauge), 1).map(numberPoint) };
  const sum = raw(message, 7);
  if (sum !== undefined) {
    const data = readMessage(sum);
    return { ...base, kind: 'sum', temporality: Number(varintOf(data, 2) ?? 0n), monotonic: varintOf(data, 3) === 1n, points: bytesOf(data, 1).map(numberPoint) };
  }
  const data = readMessage(raw(message, 9) ?? Buffer.alloc(0));
  return { ...base, kind: 'histogram', temporality: Number(varintOf(data, 2) ?? 0n), points: bytesOf(data, 1).map(histogramPoint) };
}

/** Decodes a protobuf `ExportMetricsServiceRequest`. */
export function decodeProtobufMetrics(body: Buffer): DecodedMetricsRequest {
  const request = readMessage(body);
  const resourceMetrics = bytesOf(request, 1).map(readMessage);
  const first = resourceMetrics[0];
  const resource = first === undefined ? {} : attributes(readMessage(raw(first, 1) ?? Buffer.alloc(0)), 1);
  const scopes = resourceMetrics.flatMap((entry) =>
    bytesOf(entry, 2).map((scopeBytes) => {
      const scopeMetrics = readMessage(scopeBytes);
      const scope = readMessage(raw(scopeMetrics, 1) ?? Buffer.alloc(0));
      return { name: stringOf(scope, 1) ?? '', version: stringOf(scope, 2) ?? '', metrics: bytesOf(scopeMetrics, 2).map(metric) };
    }),
  );
  return { resource, scopes };
}

interface JsonAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
}
interface JsonKeyValue {
  key: string;
  value: JsonAnyValue;
}
interface JsonPoint {
  attributes?: JsonKeyValue[];
  startTimeUnixNano?: string;
  timeUnixNano?: string;
  asDouble?: number;
  asInt?: string | number;
  count?: string | number;
  sum?: number;
  bucketCounts?: Array<string | number>;
  explicitBounds?: number[];
  min?: number;
  max?: number;
  exemplars?: Array<{ traceId: string; spanId: string; asDouble?: number; timeUnixNano: string }>;
}
interface JsonMetric {
  name: string;
  description?: string;
  unit?: string;
  gauge?: { dataPoints: JsonPoint[] };
  sum?: { dataPoints: JsonPoint[]; aggregationTemporality?: number; isMonotonic?: boolean };
  histogram?: { dataPoints: JsonPoint[]; aggregationTemporality?: number };
}

function jsonAttributes(list: JsonKeyValue[] | undefined): Record<string, DecodedValue> {
  const out: Record<string, DecodedValue> = {};
  for (const { key, value } of list ?? []) out[key] = value.stringValue ?? value.boolValue ?? (value.intValue === undefined ? value.doubleValue : Number(value.intValue));
  return out;
}

function jsonPoint(point: JsonPoint, histogram: boolean): DecodedPoint {
  const base = {
    attributes: jsonAttributes(point.attributes),
    startTimeUnixNano: BigInt(point.startTimeUnixNano ?? 0),
    timeUnixNano: BigInt(point.timeUnixNano ?? 0),
    exemplars: (point.exemplars ?? []).map((exemplar) => ({ traceId: exemplar.traceId, spanId: exemplar.spanId, value: exemplar.asDouble ?? Number.NaN, timeUnixNano: BigInt(exemplar.timeUnixNano) })),
  };
  if (!histogram) return { ...base, value: point.asInt === undefined ? point.asDouble : Number(point.asInt) };
  return { ...base, count: Number(point.count ?? 0), sum: point.sum, bucketCounts: (point.bucketCounts ?? []).map(Number), explicitBounds: point.explicitBounds ?? [], min: point.min, max: point.max };
}

/** Decodes an OTLP/JSON `ExportMetricsServiceRequest`. */
export function decodeJsonMetrics(body: Buffer): DecodedMetricsRequest {
  const parsed = JSON.parse(body.toString('utf8')) as { resourceMetrics: Array<{ resource?: { attributes?: JsonKeyValue[] }; scopeMetrics: Array<{ scope: { name: string; version?: string }; metrics: JsonMetric[] }> }> };
  return {
    resource: jsonAttributes(parsed.resourceMetrics[0]?.resource?.attributes),
    scopes: parsed.resourceMetrics.flatMap((entry) =>
      entry.scopeMetrics.map((scope) => ({
        name: scope.scope.name,
        version: scope.scope.version ?? '',
        metrics: scope.metrics.map((item): DecodedMetric => {
          const base = { name: item.name, description: item.description ?? '', unit: item.unit ?? '' };
          if (item.gauge !== undefined) return { ...base, kind: 'gauge', points: item.gauge.dataPoints.map((point) => jsonPoint(point, false)) };
          if (item.sum !== undefined) return { ...base, kind: 'sum', temporality: item.sum.aggregationTemporality, monotonic: item.sum.isMonotonic === true, points: item.sum.dataPoints.map((point) => jsonPoint(point, false)) };
          return { ...base, kind: 'histogram', temporality: item.histogram?.aggregationTemporality, points: (item.histogram?.dataPoints ?? []).map((point) => jsonPoint(point, true)) };
        }),
      })),
    ),
  };
}
