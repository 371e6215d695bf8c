import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../src/config/options';
import { BoundedBatchProcessor } from '../../../src/processing/bounded-batch-processor';
import { createProcessors } from '../../../src/processing/create-processors';
import { ImmediateExportProcessor } from '../../../src/processing/immediate-export-processor';
import { FakeExporter } from './fakes';

const batch: ResolvedConfig['batch'] = { maxQueueSize: 2048, maxExportBatchSize: 512, scheduledDelayMillis: 5000, exportTimeoutMillis: 30_000 };
const exporters = [
  { exporter: new FakeExporter(), remote: true },
  { exporter: new InMemorySpanExporter(), remote: false },
];

describe('createProcessors', () => {
  it('batches network exporters and exports local ones at once by default, then appends extra processors', () => {
    const extra = new ImmediateExportProcessor(new FakeExporter(), batch);
    const processors = createProcessors(exporters, { processor: 'auto', batch, spanProcessors: [extra] });
    expect(processors).toHaveLength(3);
    expect(processors[0]).toBeInstanceOf(BoundedBatchProcessor);
    expect(processors[1]).toBeInstanceOf(ImmediateExportProcessor);
    expect(processors[2]).toBe(extra);
  });

  it('uses one kind for every exporter when `processor` forces it', () => {
    expect(createProcessors(exporters, { processor: 'batch', batch, spanProcessors: [] }).every((p) => p instanceof BoundedBatchProcessor)).toBe(true);
    expect(createProcessors(exporters, { processor: 'simple', batch, spanProcessors: [] }).every((p) => p instanceof ImmediateExportProcessor)).toBe(true);
  });
});
