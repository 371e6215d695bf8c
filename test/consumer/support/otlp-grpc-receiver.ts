import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall, type ServiceDefinition } from '@grpc/grpc-js';
import { decodeProtobufTraces, type ReceivedSpan } from '../../integration/support/otlp-decode';

/** An OTLP/gRPC trace receiver on 127.0.0.1 and an ephemeral port, for tests. */
export interface OtlpGrpcReceiver {
  /** `http://127.0.0.1:<port>`, the form `OTEL_EXPORTER_OTLP_ENDPOINT` takes for gRPC. */
  url: string;
  spans: ReceivedSpan[];
  /** Export calls received, each with its metadata. */
  calls: Array<{ metadata: Record<string, unknown>; spans: number }>;
  /** Resolves when at least `count` spans matching `filter` arrived, or rejects after `timeoutMillis`. */
  waitForSpans(count: number, timeoutMillis?: number, filter?: (span: ReceivedSpan) => boolean): Promise<ReceivedSpan[]>;
  close(): Promise<void>;
}

const passThrough = (bytes: Buffer): Buffer => bytes;

/**
 * `opentelemetry.proto.collector.trace.v1.TraceService`, declared by hand: the request stays raw
 * bytes (decoded by the tests' own protobuf reader) and the answer is an empty
 * `ExportTraceServiceResponse`, which encodes to zero bytes.
 */
const TRACE_SERVICE: ServiceDefinition = {
  Export: {
    path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
    requestStream: false,
    responseStream: false,
    requestSerialize: passThrough,
    requestDeserialize: passThrough,
    responseSerialize: passThrough,
    responseDeserialize: passThrough,
  },
};

export async function startOtlpGrpcReceiver(): Promise<OtlpGrpcReceiver> {
  const server = new Server();
  const waiters = new Set<() => void>();
  const spans: ReceivedSpan[] = [];
  const calls: OtlpGrpcReceiver['calls'] = [];
  server.addService(TRACE_SERVICE, {
    Export: (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) => {
      const received = decodeProtobufTraces(call.request);
      spans.push(...received);
      calls.push({ metadata: call.metadata.getMap(), spans: received.length });
      callback(null, Buffer.alloc(0));
      for (const waiter of [...waiters]) waiter();
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error === null ? resolve(bound) : reject(error))),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    calls,
    waitForSpans(count, timeoutMillis = 20_000, filter = () => true) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const matching = spans.filter(filter);
          if (matching.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(matching);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} spans over gRPC within ${timeoutMillis} ms, received ${spans.filter(filter).length} (${calls.length} export calls)`));
        }, timeoutMillis);
        waiters.add(check);
        check();
      });
    },
    close: () => {
      server.forceShutdown();
      return Promise.resolve();
    },
  };
}
