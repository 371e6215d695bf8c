import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import type { ReadableSpan } from '../sdk/sdk-types';
import type { TracingOptions } from '../config/options';
import { resolveConfig } from '../config/resolve';
import { TracingManager } from '../manager';
import { MemorySpanExporter } from '../sdk/memory-exporter';
import { buildSpanTree, toNamedTree, type NamedTree, type SpanTreeNode } from './span-tree';

/** Options of {@link createTestTracing}: any tracing option except where spans go. */
export type TestTracingOptions = Omit<TracingOptions, 'exporter' | 'environment' | 'enabled'>;

/** An always-on, in-memory tracing setup for tests. */
export interface TestTracing {
  /** A tracer from the test provider. */
  tracer(name?: string): Tracer;
  /** Spans ended so far, in the order they ended. */
  finishedSpans(): ReadableSpan[];
  /** Finished spans arranged by parent. */
  spanTree(): SpanTreeNode[];
  /** Finished spans as `{ name, children }` trees. */
  namedTree(): NamedTree[];
  /** The finished spans with this name. */
  spansNamed(name: string): ReadableSpan[];
  /** Forgets the finished spans. */
  reset(): void;
  /** Stops the setup and releases the global registrations so another can be created. */
  shutdown(): Promise<void>;
}

/**
 * Starts always-on tracing that keeps spans in memory, registered globally so decorators,
 * `traced()`, `withSpan()` and (when asked for with `instrumentations`) HTTP spans land in it.
 * It replaces any global tracing already registered in the process. Works with any test runner.
 *
 * @example
 * ```ts
 * const tracing = createTestTracing();
 * await service.createOrder();
 * expect(tracing.namedTree()).toEqual([{ name: 'OrderService.createOrder', children: [] }]);
 * await tracing.shutdown();
 * ```
 */
export function createTestTracing(options: TestTracingOptions = {}): TestTracing {
  const exporter = new MemorySpanExporter();
  const { config } = resolveConfig(
    {
      serviceName: 'test-service',
      sampler: 'always_on',
      instrumentations: 'none',
      shutdownSignals: false,
      flushOnBeforeExit: false,
      logLevel: 'error',
      ...options,
      environment: 'test',
      exporter,
      processor: 'simple',
    },
    {},
  );
  trace.disable();
  propagation.disable();
  context.disable();
  const manager = new TracingManager(config).start();
  const finishedSpans = (): ReadableSpan[] => exporter.getFinishedSpans();
  return {
    tracer: (name) => manager.tracer(name),
    finishedSpans,
    spanTree: () => buildSpanTree(finishedSpans()),
    namedTree: () => toNamedTree(buildSpanTree(finishedSpans())),
    spansNamed: (name) => finishedSpans().filter((span) => span.name === name),
    reset: () => exporter.reset(),
    shutdown: () => manager.shutdown(),
  };
}
