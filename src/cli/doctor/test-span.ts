import { SpanKind } from '@opentelemetry/api';
import type { ResolvedConfig } from '../../config/options';
import { ImmediateExportProcessor } from '../../processing/immediate-export-processor';
import { createResource } from '../../resource/create-resource';
import { MemorySpanExporter } from '../../sdk/memory-exporter';
import type { ReadableSpan } from '../../sdk/sdk-types';
import { LeanTracerProvider } from '../../sdk/tracer-provider';

/** Name of the span the doctor sends; find it in a backend by this name. */
export const TEST_SPAN_NAME = 'otel-bootstrap doctor';

/**
 * One ended span made by the package's own tracer provider with the service's resource, the way
 * the service's spans are made, sampled whatever the configured sampler says.
 */
export async function makeTestSpan(config: ResolvedConfig): Promise<ReadableSpan> {
  const exporter = new MemorySpanExporter();
  const provider = new LeanTracerProvider({ resource: createResource(config.resourceAttributes), spanProcessors: [new ImmediateExportProcessor(exporter, config.batch)] });
  const span = provider.getTracer('otel-bootstrap-doctor').startSpan(TEST_SPAN_NAME, {
    kind: SpanKind.INTERNAL,
    attributes: { 'otel_bootstrap.doctor': true, 'otel_bootstrap.doctor.pid': process.pid },
  });
  span.end();
  await provider.forceFlush();
  const recorded = exporter.getFinishedSpans()[0];
  await provider.shutdown();
  if (recorded === undefined) throw new Error('the test span was not recorded');
  return recorded;
}
