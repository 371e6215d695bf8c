import type { SpanProcessor } from '../sdk/sdk-types';
import type { ResolvedConfig } from '../config/options';
import type { BuiltExporter } from '../export/create-exporters';
import { BoundedBatchProcessor } from './bounded-batch-processor';
import { ImmediateExportProcessor } from './immediate-export-processor';
import { processorKind } from './processor-kind';

/**
 * Wraps each exporter in a processor. Network exporters are batched with the tuned settings
 * (a simple processor would make one request per span); console and memory exporters are
 * simple so output appears as spans end. `processor` forces one kind for all.
 */
export function createProcessors(exporters: readonly BuiltExporter[], config: Pick<ResolvedConfig, 'processor' | 'batch' | 'spanProcessors'>): SpanProcessor[] {
  const processors = exporters.map(({ exporter, remote }) =>
    processorKind(config.processor, remote) === 'batch' ? new BoundedBatchProcessor(exporter, config.batch) : new ImmediateExportProcessor(exporter, config.batch),
  );
  return [...processors, ...config.spanProcessors];
}
