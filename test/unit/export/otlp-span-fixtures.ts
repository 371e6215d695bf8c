import { createTraceState, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Span } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';

const REMOTE_PARENT = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
  traceState: createTraceState('vendor=abc,other=1'),
};

/**
 * Ended spans covering every field the encoders write: all kinds, each attribute type, events,
 * links with trace state, local and remote parents, statuses, dropped counts (small limits), two
 * scopes with version and schema URL, a resource with a schema URL, and long Unicode text.
 */
export async function recordFixtureSpans(extraRootSpans = 0): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'encoder-test', 'service.instance.id': 'i-1', 'host.cores': 2 }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
    spanLimits: { attributeCountLimit: 16, eventCountLimit: 3, linkCountLimit: 2 },
  });
  const tracer = provider.getTracer('scope-a', '1.2.3', { schemaUrl: 'https://opentelemetry.io/schemas/1.26.0' });
  const other = provider.getTracer('scope-b');

  const remoteContext = trace.setSpanContext(ROOT_CONTEXT, REMOTE_PARENT);
  const server = tracer.startSpan('GET /users/:id', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET' }, startTime: [1_700_000_000, 123_456_789] }, remoteContext);
  server.setAttributes({
    text: 'plain',
    empty: '',
    unicode: 'Grüße, 世界 — '.repeat(20),
    yes: true,
    no: false,
    zero: 0,
    small: 7,
    big: 2 ** 50 + 3,
    negative: -42,
    ratio: 0.25,
    negativeDouble: -1.5e-7,
    strings: ['a', '', 'c'],
  });
  server.setAttribute('numbers', [1, 2.5, -3]);
  server.setAttribute('bools', [true, false]);
  for (let i = 0; i < 4; i++) server.setAttribute(`padding.${i}`, i);
  server.addEvent('cache miss', { key: 'users:1', attempt: 2 }, [1_700_000_000, 500_000_000]);
  server.addEvent('plain event', undefined, [1_700_000_001, 0]);
  for (let i = 0; i < 4; i++) server.addEvent(`dropped ${i}`);
  server.addLink({ context: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b8', traceFlags: TraceFlags.NONE } });
  server.addLink({ context: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b9', traceFlags: TraceFlags.NONE } });
  server.addLink({ context: { ...REMOTE_PARENT, spanId: '00f067aa0ba902b7' }, attributes: { reason: 'batch' } });

  const serverContext = trace.setSpan(ROOT_CONTEXT, server);
  const kinds = [SpanKind.INTERNAL, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER];
  const children: Span[] = kinds.map((kind, index) => (index % 2 === 0 ? tracer : other).startSpan(`child ${index}`, { kind }, serverContext));
  children[1]?.setStatus({ code: SpanStatusCode.ERROR, message: 'connection refused' });
  children[2]?.setStatus({ code: SpanStatusCode.OK });
  children[3]?.setStatus({ code: SpanStatusCode.ERROR });
  for (const child of children) child.end();
  server.setStatus({ code: SpanStatusCode.UNSET });
  server.end([1_700_000_002, 999_999_999]);

  for (let i = 0; i < extraRootSpans; i++) {
    const span = other.startSpan(`root ${i}`, { attributes: { index: i, label: `span number ${i} with some padding text` } });
    span.end();
  }
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  return spans;
}
