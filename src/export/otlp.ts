import { createRequire } from 'node:module';
import type { SpanExporter } from '../sdk/sdk-types';
import type { ResolvedConfig } from '../config/options';
import { missingOptionalPackageMessage, requireOptional } from '../optional-package';
import { OtlpHttpTraceExporter } from './otlp/otlp-http-exporter';

const GRPC_PACKAGE = '@opentelemetry/exporter-trace-otlp-grpc';
const GRPC_PURPOSE = 'OTLP protocol "grpc"';

/** Message when OTLP/gRPC is chosen without its optional package. */
export const GRPC_MISSING_MESSAGE = missingOptionalPackageMessage(GRPC_PACKAGE, GRPC_PURPOSE);

/**
 * Builds the OTLP exporter for the resolved protocol. OTLP/HTTP (protobuf, the default, and JSON)
 * is this package's own exporter; gRPC is the official exporter, an optional peer loaded only
 * when chosen.
 */
export function createOtlpExporter(otlp: ResolvedConfig['otlp'], batch: ResolvedConfig['batch']): SpanExporter {
  const common = { url: otlp.url, headers: otlp.headers, timeoutMillis: otlp.timeoutMillis, concurrencyLimit: flushConcurrency(batch) };
  switch (otlp.protocol) {
    case 'http/protobuf':
      return new OtlpHttpTraceExporter({ ...common, encoding: 'protobuf' });
    case 'http/json':
      return new OtlpHttpTraceExporter({ ...common, encoding: 'json' });
    case 'grpc': {
      const grpc = requireOptional<typeof import('@opentelemetry/exporter-trace-otlp-grpc')>(GRPC_PACKAGE, GRPC_PURPOSE);
      // @grpc/grpc-js comes with the gRPC exporter; resolve it from there, not from this package.
      const fromGrpcExporter = createRequire(require.resolve(GRPC_PACKAGE));
      const { Metadata } = fromGrpcExporter('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
      const metadata = new Metadata();
      for (const [key, value] of Object.entries(otlp.headers)) metadata.set(key, value);
      return new grpc.OTLPTraceExporter({ url: otlp.url, metadata, timeoutMillis: otlp.timeoutMillis, concurrencyLimit: flushConcurrency(batch) });
    }
  }
}

/**
 * A flush exports the whole queue at once, one request per batch, and the exporter refuses
 * requests past its concurrency limit (30 by default). Allowing exactly what a full flush needs
 * (plus the scheduled export) loses nothing on flush and still bounds requests in flight.
 */
export function flushConcurrency(batch: ResolvedConfig['batch']): number {
  return Math.ceil(batch.maxQueueSize / batch.maxExportBatchSize) + 1;
}
