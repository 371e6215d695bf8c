import { context } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import { AlwaysOffSampler, AlwaysOnSampler, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTracingSuppressed } from '../../../src/context/suppress-tracing';
import { BoundedBatchProcessor } from '../../../src/processing/bounded-batch-processor';
import { FakeExporter } from './fakes';

/** Records whether tracing was suppressed while it exported. */
class SuppressionProbe extends FakeExporter {
  readonly suppressed: boolean[] = [];
  override export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.suppressed.push(isTracingSuppressed(context.active()));
    super.export(spans, resultCallback);
  }
}

const settings = { maxQueueSize: 100, maxExportBatchSize: 10, scheduledDelayMillis: 60_000, exportTimeoutMillis: 30_000 };

describe('processors under a real tracer provider', () => {
  // Suppression lives in the active context, which needs a context manager as in a running service.
  beforeEach(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });
  afterEach(() => {
    context.disable();
  });

  it('export sampled spans with tracing suppressed and skip unsampled ones', async () => {
    const exporter = new SuppressionProbe('succeed');
    const sampled = new TracerProvider({ sampler: new AlwaysOnSampler(), spanProcessors: [new BoundedBatchProcessor(exporter, settings)] });
    const unsampledExporter = new FakeExporter('succeed');
    const unsampled = new TracerProvider({ sampler: new AlwaysOffSampler(), spanProcessors: [new BoundedBatchProcessor(unsampledExporter, settings)] });
    for (let i = 0; i < 3; i++) {
      sampled.getTracer('t').startSpan(`kept-${i}`).end();
      unsampled.getTracer('t').startSpan(`skipped-${i}`).end();
    }
    await Promise.all([sampled.shutdown(), unsampled.shutdown()]);
    expect(exporter.exportedNames).toEqual(['kept-0', 'kept-1', 'kept-2']);
    expect(exporter.suppressed).toEqual([true]);
    expect(unsampledExporter.batches).toEqual([]);
    expect([exporter.shutdownCalls, unsampledExporter.shutdownCalls]).toEqual([1, 1]);
  });
});
