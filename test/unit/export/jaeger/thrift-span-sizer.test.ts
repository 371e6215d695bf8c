import { createRequire } from 'node:module';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadThriftSpanSizer, type ThriftSpanSizer } from '../../../../src/export/jaeger/thrift-span-sizer';

// The real sender and converter, to compare against.
const fromExporter = createRequire(require.resolve('@opentelemetry/exporter-jaeger'));
const { spanToThrift } = fromExporter('./transform') as { spanToThrift: (span: ReadableSpan) => object };
const { UDPSender, ThriftUtils } = fromExporter('./types') as {
  UDPSender: new (options: object) => {
    setProcess(process: { serviceName: string; tags: unknown[] }): void;
    _calcSpanSize(span: object): { err: Error | null; length: number };
    _emitSpanBatchOverhead: number;
    close(): void;
  };
  ThriftUtils: { loadJaegerThriftDefinition(): string; buildAgentThriftPath(): string };
};
const fromJaegerClient = createRequire(fromExporter.resolve('jaeger-client'));
const { Thrift } = fromJaegerClient('thriftrw') as { Thrift: new (options: object) => unknown };

function endedSpans(serviceName: string, make: (provider: TracerProvider) => void): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': serviceName }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  make(provider);
  return exporter.getFinishedSpans();
}

describe('loadThriftSpanSizer', () => {
  let sizer: ThriftSpanSizer;
  let spans: ReadableSpan[];
  beforeAll(() => {
    sizer = loadThriftSpanSizer();
    spans = endedSpans('sizer-test', (provider) => {
      const tracer = provider.getTracer('scope', '1.2.3');
      tracer.startSpan('plain').end();
      const rich = tracer.startSpan('rich', { kind: SpanKind.CLIENT, attributes: { text: 'x'.repeat(5_000), count: 7, flag: true, list: ['a', 'b'] } });
      rich.addEvent('retry', { attempt: 2 });
      rich.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
      rich.end();
      tracer.startSpan('unicode', { attributes: { text: 'héllo wörld ✓' } }).end();
    });
  });

  const senders: Array<{ close(): void }> = [];
  afterAll(() => senders.forEach((sender) => sender.close()));

  it('measures each span exactly as the agent UDP sender does', () => {
    const sender = new UDPSender({ host: '127.0.0.1', port: 9 });
    senders.push(sender);
    for (const span of spans) {
      const measured = sizer.measure(span);
      expect(measured.span).toBe(span);
      expect(measured.serviceName).toBe('sizer-test');
      expect(measured.bytes).toBe(sender._calcSpanSize(spanToThrift(span)).length);
    }
    expect(sizer.measure(spans[1]!).bytes).toBeGreaterThan(5_000);
  });

  it('measures the empty packet exactly as the sender computes its batch overhead', () => {
    for (const serviceName of ['a', 'sizer-test', 'a-much-longer-service-name-with-ünïcode']) {
      const sender = new UDPSender({ host: '127.0.0.1', port: 9 });
      senders.push(sender);
      sender.setProcess({ serviceName, tags: [] });
      expect(sizer.emptyPacketBytes(serviceName)).toBe(sender._emitSpanBatchOverhead);
    }
  });

  it('predicts the full packet size as the empty packet plus the sizes of its spans', () => {
    const jaeger = new Thrift({ source: ThriftUtils.loadJaegerThriftDefinition(), allowOptionalArguments: true }) as {
      Span: new (fields: object) => object;
      Process: new (fields: object) => object;
      Batch: new (fields: object) => object;
    };
    const agent = new Thrift({ entryPoint: ThriftUtils.buildAgentThriftPath(), allowOptionalArguments: true, allowFilesystemAccess: true }) as {
      Agent: { emitBatch: { ArgumentsMessage: new (fields: object) => object; argumentsMessageRW: { byteLength(message: object): { length: number } } } };
    };
    const batch = new jaeger.Batch({ process: new jaeger.Process({ serviceName: 'sizer-test', tags: [] }), spans: spans.map((span) => new jaeger.Span(spanToThrift(span))) });
    const packet = agent.Agent.emitBatch.argumentsMessageRW.byteLength(new agent.Agent.emitBatch.ArgumentsMessage({ version: 1, id: 0, body: { batch } }));
    const predicted = sizer.emptyPacketBytes('sizer-test') + spans.reduce((sum, span) => sum + (sizer.measure(span).bytes ?? 0), 0);
    expect(packet.length).toBe(predicted);
  });

  it('names the process unknown_service when the span has no service name string, as the exporter does', () => {
    const [span] = endedSpans('', (provider) => provider.getTracer('t').startSpan('nameless').end());
    expect(sizer.measure(span!).serviceName).toBe('unknown_service');
  });
});
