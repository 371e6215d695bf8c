/**
 * Samplers, span processors and exporters that users pass in work whether they come from the
 * OpenTelemetry SDK's 2.x line (`@opentelemetry/sdk-trace-base`) or its 3.x line
 * (`@opentelemetry/sdk-trace`): each is handed to `createTestTracing` as a user would hand it to
 * `init()`, and must decide, see and receive the spans. The assignments also check at compile time
 * that both lines' classes fit the package's option types.
 */
import { SpanKind } from '@opentelemetry/api';
import * as sdk3 from '@opentelemetry/sdk-trace';
import * as sdk2 from '@opentelemetry/sdk-trace-base-2';
import { afterEach, describe, expect, it } from 'vitest';
import type { TracingOptions } from '../../../src/config/options';
import { resolveConfig } from '../../../src/config/resolve';
import { TracingManager } from '../../../src/manager';

let tracing: TracingManager | undefined;
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});

/** What `init(options)` starts, as a manager of its own (no process-wide registry of running managers). */
function start(options: TracingOptions): TracingManager {
  const base: TracingOptions = { serviceName: 'compat', environment: 'test', instrumentations: 'none', metricsExporter: 'none', shutdownSignals: false, flushOnBeforeExit: false, logLevel: 'error' };
  return new TracingManager(resolveConfig({ ...base, ...options }, {}).config).start();
}

const LINES = [
  {
    line: 'sdk-trace-base 2.x',
    sampler: (): TracingOptions['sampler'] => new sdk2.ParentBasedSampler({ root: new sdk2.TraceIdRatioBasedSampler(0) }),
    exporter: () => new sdk2.InMemorySpanExporter() satisfies NonNullable<TracingOptions['exporter']>,
    exportingProcessor: () => {
      const exporter = new sdk2.InMemorySpanExporter();
      const processor: NonNullable<TracingOptions['spanProcessors']>[number] = new sdk2.SimpleSpanProcessor(exporter);
      return { processor, finished: () => exporter.getFinishedSpans() };
    },
  },
  {
    line: 'sdk-trace 3.x',
    sampler: (): TracingOptions['sampler'] => new sdk3.ParentBasedSampler({ root: new sdk3.TraceIdRatioBasedSampler(0) }),
    exporter: () => new sdk3.InMemorySpanExporter() satisfies NonNullable<TracingOptions['exporter']>,
    exportingProcessor: () => {
      const exporter = new sdk3.InMemorySpanExporter();
      const processor: NonNullable<TracingOptions['spanProcessors']>[number] = new sdk3.SimpleSpanProcessor({ exporter });
      return { processor, finished: () => exporter.getFinishedSpans() };
    },
  },
] as const;

describe.each(LINES)('the official $line', ({ sampler, exporter, exportingProcessor }) => {
  it('sampler: its decision is the one spans get', () => {
    const inMemory = exporter();
    tracing = start({ sampler: sampler(), exporter: inMemory });
    const span = tracing.tracer().startSpan('dropped');
    expect(span.isRecording()).toBe(false);
    span.end();
    expect(inMemory.getFinishedSpans()).toEqual([]);
  });

  it('span processor: sees every recorded span end, with the package’s spans as ReadableSpan', async () => {
    const { processor, finished } = exportingProcessor();
    tracing = start({ exporter: 'none', spanProcessors: [processor] });
    tracing.tracer().startSpan('work', { kind: SpanKind.SERVER, attributes: { 'http.route': '/orders/:id' } }).end();
    await tracing.forceFlush();
    const [exported] = finished();
    expect(exported?.name).toBe('work');
    expect(exported?.kind).toBe(SpanKind.SERVER);
    expect(exported?.attributes['http.route']).toBe('/orders/:id');
    expect(exported?.instrumentationScope.name).toBeDefined();
    expect(exported?.resource.attributes['service.name']).toBeDefined();
  });

  it('exporter: receives the spans through the package’s processor', async () => {
    const inMemory = exporter();
    tracing = start({ exporter: inMemory });
    tracing.tracer().startSpan('exported').end();
    await tracing.forceFlush();
    expect(inMemory.getFinishedSpans().map((span) => span.name)).toEqual(['exported']);
  });
});
