import { SpanKind, SpanStatusCode, trace, ROOT_CONTEXT, TraceFlags } from '@opentelemetry/api';
import { spanToThrift } from '@opentelemetry/exporter-jaeger/build/src/transform';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { createResource } from '../../../src/resource/create-resource';
import { AlwaysOnSampler } from '../../../src/sdk/samplers/always';
import { LeanTracerProvider } from '../../../src/sdk/tracer-provider';
import { RecordingProcessor } from './support';

const remoteParent = trace.setSpanContext(ROOT_CONTEXT, { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED, isRemote: true });
const linked = { traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: TraceFlags.SAMPLED };

/** One finished span with a bit of everything, from the lean provider. */
function richSpan(): ReadableSpan {
  const processor = new RecordingProcessor();
  const provider = new LeanTracerProvider({ resource: createResource({ 'service.name': 'orders' }), sampler: new AlwaysOnSampler(), spanProcessors: [processor], spanLimits: { eventCountLimit: 2 } });
  const span = provider.getTracer('scope', '1.0.0').startSpan('GET /orders/:id', { kind: SpanKind.SERVER, startTime: [1_700_000_000, 0], attributes: { 'http.route': '/orders/:id', retries: 2, tags: ['a', 'b'] }, links: [{ context: linked, attributes: { why: 'batch' } }] }, remoteParent);
  span.addEvent('first', [1_700_000_000, 1_000_000]);
  span.addEvent('cache miss', { key: 'k' }, [1_700_000_000, 2_000_000]);
  span.recordException(new Error('boom'), [1_700_000_000, 3_000_000]);
  span.setStatus({ code: SpanStatusCode.ERROR, message: 'failed' });
  span.end([1_700_000_000, 500_000_000]);
  const [readable] = processor.ended;
  if (readable === undefined) throw new Error('no span ended');
  return readable;
}

/** A Thrift tag's value by its type (the tag carries a default for every other type). */
function tagValue(tag: { vType: unknown; vStr?: string; vDouble?: number; vBool?: boolean }): unknown {
  if (tag.vType === 'DOUBLE') return tag.vDouble;
  if (tag.vType === 'BOOL') return tag.vBool;
  return tag.vStr;
}

describe('finished spans through the official exporters', () => {
  it('translate to Jaeger Thrift', () => {
    const thrift = spanToThrift(richSpan());
    const tags = Object.fromEntries(thrift.tags.map((tag) => [tag.key, tagValue(tag)]));
    expect(thrift.operationName).toBe('GET /orders/:id');
    expect(thrift.traceIdHigh.toString('hex')).toBe('0af7651916cd43dd');
    expect(thrift.traceIdLow.toString('hex')).toBe('8448eb211c80319c');
    expect(thrift.parentSpanId.toString('hex')).toBe('b7ad6b7169203331');
    expect(thrift.flags).toBe(TraceFlags.SAMPLED);
    expect(Number((thrift.startTime as unknown as Buffer).readBigInt64BE())).toBe(1_700_000_000_000_000);
    expect(Number((thrift.duration as unknown as Buffer).readBigInt64BE())).toBe(500_000);
    expect(tags).toMatchObject({
      'http.route': '/orders/:id',
      retries: 2,
      'otel.status_code': 'ERROR',
      'otel.status_description': 'failed',
      error: true,
      'span.kind': 'server',
      'service.name': 'orders',
      'telemetry.sdk.name': 'opentelemetry',
      'otel.library.name': 'scope',
      'otel.library.version': '1.0.0',
      'otel.dropped_events_count': 1,
    });
    expect(thrift.logs.map((log) => log.fields.find((field) => field.key === 'event')?.vStr)).toEqual(['cache miss', 'exception']);
    expect(thrift.references).toEqual([expect.objectContaining({ spanId: Buffer.from('2'.repeat(16), 'hex') })]);
  });

  it('serialize to OTLP JSON', () => {
    const request = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest([richSpan()]))) as {
      resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: Record<string, unknown> }> }; scopeSpans: Array<{ scope: { name: string; version: string }; spans: Array<Record<string, unknown>> }> }>;
    };
    const [resourceSpans] = request.resourceSpans;
    const [scopeSpans] = resourceSpans?.scopeSpans ?? [];
    const span = scopeSpans?.spans[0] as Record<string, unknown> & { attributes: Array<{ key: string; value: Record<string, unknown> }>; events: Array<{ name: string; attributes: Array<{ key: string }> }>; links: Array<{ traceId: string; attributes: unknown[] }> };
    expect(resourceSpans?.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'orders' } });
    expect(scopeSpans?.scope).toMatchObject({ name: 'scope', version: '1.0.0' });
    expect(span).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      parentSpanId: 'b7ad6b7169203331',
      name: 'GET /orders/:id',
      kind: 2,
      startTimeUnixNano: '1700000000000000000',
      endTimeUnixNano: '1700000000500000000',
      droppedAttributesCount: 0,
      droppedEventsCount: 1,
      droppedLinksCount: 0,
      status: { code: 2, message: 'failed' },
    });
    expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(span.attributes).toContainEqual({ key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } });
    expect(span.events.map((event) => event.name)).toEqual(['cache miss', 'exception']);
    expect(span.events[1]?.attributes.map((attribute) => attribute.key)).toEqual(['exception.type', 'exception.message', 'exception.stacktrace']);
    expect(span.links).toEqual([expect.objectContaining({ traceId: '1'.repeat(32), attributes: [{ key: 'why', value: { stringValue: 'batch' } }] })]);
  });
});
