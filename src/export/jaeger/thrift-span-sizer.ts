import { createRequire } from 'node:module';
import type { ReadableSpan } from '../../sdk/sdk-types';

/** A span's binary Thrift size, and the service name the Jaeger exporter would send it under. */
export interface MeasuredSpan {
  span: ReadableSpan;
  /** Bytes the span adds to an agent packet; `undefined` when it cannot be encoded at all. */
  bytes: number | undefined;
  serviceName: string;
}

/** Measures spans exactly as the Jaeger agent UDP sender encodes them (binary Thrift). */
export interface ThriftSpanSizer {
  measure(span: ReadableSpan): MeasuredSpan;
  /** Bytes of an agent `emitBatch` packet that carries the process of `serviceName` and no spans. */
  emptyPacketBytes(serviceName: string): number;
}

interface ThriftByteLength {
  err: Error | null;
  length: number;
}
interface ThriftStruct<Fields> {
  new (fields: Fields): object;
  rw: { byteLength(value: object): ThriftByteLength };
}
interface ThriftTag {
  key: string;
  vStr?: string;
}
interface ThriftSpanFields {
  tags: ThriftTag[];
}
interface JaegerThrift {
  Span: ThriftStruct<ThriftSpanFields>;
  Process: ThriftStruct<{ serviceName: string; tags: [] }>;
  Batch: ThriftStruct<{ process: object; spans: object[] }>;
}
interface AgentThrift {
  Agent: {
    emitBatch: {
      ArgumentsMessage: new (fields: { version: number; id: number; body: { batch: object } }) => object;
      argumentsMessageRW: { byteLength(message: object): ThriftByteLength };
    };
  };
}
interface JaegerExporterInternals {
  spanToThrift: (span: ReadableSpan) => ThriftSpanFields;
  ThriftUtils: { loadJaegerThriftDefinition(): string; buildAgentThriftPath(): string };
}

/** What the Jaeger exporter names the process when a span carries no `service.name` string. */
const FALLBACK_SERVICE_NAME = 'unknown_service';

// The converter and the Thrift codec come from the Jaeger exporter's own dependency tree, so sizes
// are computed by the very code that later encodes the packet.
function loadJaegerExporterInternals(): JaegerExporterInternals & { Thrift: new (options: Record<string, unknown>) => unknown } {
  const fromExporter = createRequire(require.resolve('@opentelemetry/exporter-jaeger'));
  const { spanToThrift } = fromExporter('./transform') as Pick<JaegerExporterInternals, 'spanToThrift'>;
  const { ThriftUtils } = fromExporter('./types') as Pick<JaegerExporterInternals, 'ThriftUtils'>;
  const fromJaegerClient = createRequire(fromExporter.resolve('jaeger-client'));
  const { Thrift } = fromJaegerClient('thriftrw') as { Thrift: new (options: Record<string, unknown>) => unknown };
  return { spanToThrift, ThriftUtils, Thrift };
}

/** Loads the Jaeger exporter's Thrift encoding; call only when the Jaeger exporter is chosen. */
export function loadThriftSpanSizer(): ThriftSpanSizer {
  const { spanToThrift, ThriftUtils, Thrift } = loadJaegerExporterInternals();
  const jaeger = new Thrift({ source: ThriftUtils.loadJaegerThriftDefinition(), allowOptionalArguments: true }) as JaegerThrift;
  const agent = new Thrift({ entryPoint: ThriftUtils.buildAgentThriftPath(), allowOptionalArguments: true, allowFilesystemAccess: true }) as AgentThrift;
  const emptyPacketBytesByService = new Map<string, number>();

  return {
    measure(span) {
      let fields: ThriftSpanFields;
      try {
        fields = spanToThrift(span);
      } catch {
        return { span, bytes: undefined, serviceName: FALLBACK_SERVICE_NAME };
      }
      // Same rule as the exporter: the first `service.name` tag with a non-empty string value.
      const serviceName = fields.tags.find((tag) => tag.key === 'service.name')?.vStr || FALLBACK_SERVICE_NAME;
      let size: ThriftByteLength;
      try {
        size = jaeger.Span.rw.byteLength(new jaeger.Span(fields));
      } catch {
        return { span, bytes: undefined, serviceName };
      }
      return { span, bytes: size.err === null ? size.length : undefined, serviceName };
    },
    emptyPacketBytes(serviceName) {
      let bytes = emptyPacketBytesByService.get(serviceName);
      if (bytes === undefined) {
        const batch = new jaeger.Batch({ process: new jaeger.Process({ serviceName, tags: [] }), spans: [] });
        bytes = agent.Agent.emitBatch.argumentsMessageRW.byteLength(new agent.Agent.emitBatch.ArgumentsMessage({ version: 1, id: 0, body: { batch } })).length;
        emptyPacketBytesByService.set(serviceName, bytes);
      }
      return bytes;
    },
  };
}
