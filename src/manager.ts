import { context, diag, DiagConsoleLogger, propagation, trace, type Tracer } from '@opentelemetry/api';
import { describeConfig, type ConfigSummary, type RunningComponents } from './config/describe';
import type { ResolvedConfig } from './config/options';
import { LOG_PREFIX, shutdownDeadlineWarning } from './config/warnings';
import { createExporters } from './export/create-exporters';
import { createInstrumentations } from './instrumentation/create-instrumentations';
import { enableInstrumentations } from './instrumentation/enable-instrumentations';
import { describeRunningInstrumentations } from './instrumentation/running-instrumentations';
import { modulesLoadedTooEarlyWarning } from './instrumentation/loaded-too-early';
import { ActivityMarker } from './lifecycle/activity-marker';
import { settleWithin } from './lifecycle/deadline';
import { installSignalHandlers } from './lifecycle/signal-handlers';
import { createProcessors } from './processing/create-processors';
import { createPropagator } from './propagation/create-propagator';
import { createResource } from './resource/create-resource';
import { createSampler } from './sampling/create-sampler';
import { AsyncLocalContextManager } from './sdk/context-manager';
import { publishContextManager, withdrawContextManager } from './context/active-context';
import { LeanTracerProvider } from './sdk/tracer-provider';
import type { SpanExporter } from './sdk/sdk-types';
import { enableLogCorrelation } from './logs/log-correlation';
import { createMetricsPipeline } from './metrics/create-metrics';
import type { MetricsPipeline } from './metrics/metrics-pipeline';
import { metricsOffHandler } from './metrics/prometheus/metrics-off-handler';
import type { MetricsRequestHandler } from './metrics/prometheus/metrics-handler';
import { ProcessorMetrics, type ReportingProcessor } from './metrics/self/processor-metrics';
import { SpanCounts } from './metrics/self/span-counts';

/** Message when another tracer provider was registered first. */
export const PROVIDER_ALREADY_REGISTERED_WARNING =
  `${LOG_PREFIX} another OpenTelemetry tracer provider is already registered globally; spans from instrumentations go to it, and this manager's tracer() still works.`;

/** Message when the configured components cannot be built; tracing is then off and the service runs. */
export function startFailedWarning(error: unknown): string {
  return `${LOG_PREFIX} tracing could not start and is off: ${error instanceof Error ? error.message : String(error)}`;
}

type State = 'new' | 'started' | 'stopping' | 'stopped';

/**
 * The handle returned by `init()`: owns the tracer provider, its processors and exporters, the
 * instrumentations and the process hooks. Constructing it does nothing; {@link TracingManager.start}
 * registers everything once.
 */
export class TracingManager {
  readonly #config: ResolvedConfig;
  readonly #warnings: readonly string[];
  #state: State = 'new';
  #provider: LeanTracerProvider | undefined;
  #activity: ActivityMarker | undefined;
  #contextManager: AsyncLocalContextManager | undefined;
  #stopInstrumentations: (() => void) | undefined;
  #removeProcessHooks: (() => void) | undefined;
  #metrics: MetricsPipeline | undefined;
  #stopLogCorrelation: (() => void) | undefined;
  #shutdown: Promise<void> | undefined;
  #running: RunningComponents | undefined;
  #exporters: readonly SpanExporter[] = [];

  constructor(config: ResolvedConfig, warnings: readonly string[] = []) {
    this.#config = config;
    this.#warnings = warnings;
  }

  /** Whether spans are recorded (false when disabled by `OTEL_SDK_DISABLED` or `enabled: false`, or when start failed). */
  get enabled(): boolean {
    return this.#provider !== undefined && this.#state !== 'stopped';
  }

  /** The redacted configuration in force (once started, with the instrumentations that run): safe to log. */
  get config(): ConfigSummary {
    return describeConfig(this.#config, this.#running);
  }

  /**
   * Registers the context manager, propagator, tracer provider and instrumentations globally and
   * installs the signal and `beforeExit` hooks. Calling it again does nothing. Never throws.
   */
  start(): this {
    if (this.#state !== 'new') return this;
    this.#state = 'started';
    diag.setLogger(new DiagConsoleLogger(), { logLevel: this.#config.logLevel, suppressOverrideMessage: true });
    for (const warning of this.#warnings) diag.warn(warning);
    if (!this.#config.enabled) return this;
    try {
      this.#startComponents();
    } catch (error) {
      diag.warn(startFailedWarning(error));
      this.#provider = undefined;
    }
    diag.debug(`${LOG_PREFIX} configuration ${JSON.stringify(this.config)}`);
    return this;
  }

  #startComponents(): void {
    const config = this.#config;
    const built = createExporters(config);
    this.#exporters = built.map(({ exporter }) => exporter);
    this.#activity = new ActivityMarker();
    const processors = createProcessors(built, config);
    const spanCounts = config.metrics.exporters.length > 0 ? new SpanCounts() : undefined;
    const provider = new LeanTracerProvider({
      resource: createResource(config.resourceAttributes),
      sampler: createSampler(config.sampler, { sampling: config.sampling, serviceName: config.serviceName }),
      spanProcessors: [...processors, this.#activity, ...(spanCounts === undefined ? [] : [spanCounts])],
      spanLimits: config.spanLimits,
      ...(spanCounts === undefined ? {} : { droppedSpans: spanCounts }),
    });
    this.#provider = provider;
    const contextManager = new AsyncLocalContextManager().enable();
    if (context.setGlobalContextManager(contextManager)) {
      publishContextManager(contextManager);
      this.#contextManager = contextManager;
    }
    propagation.setGlobalPropagator(createPropagator(config.propagators));
    if (!trace.setGlobalTracerProvider(provider)) diag.warn(PROVIDER_ALREADY_REGISTERED_WARNING);
    const { instrumentations, warnings } = createInstrumentations(config);
    for (const warning of warnings) diag.warn(warning);
    const tooEarly = modulesLoadedTooEarlyWarning(config);
    if (tooEarly !== undefined) diag.warn(tooEarly);
    this.#running = describeRunningInstrumentations(instrumentations, config);
    if (instrumentations.length > 0) this.#stopInstrumentations = enableInstrumentations(instrumentations, provider);
    if (spanCounts !== undefined) {
      const reporting = processors.filter((processor): processor is typeof processor & ReportingProcessor => typeof (processor as Partial<ReportingProcessor>).telemetry === 'function');
      this.#metrics = createMetricsPipeline(config, provider.resource.attributes, [spanCounts, new ProcessorMetrics(reporting)]);
      this.#metrics?.start();
    }
    if (config.logCorrelation) this.#stopLogCorrelation = enableLogCorrelation();
    this.#installProcessHooks();
  }

  #installProcessHooks(): void {
    const removers: Array<() => void> = [];
    // Signals reach the main thread only: in a worker thread these listeners never fire (Node
    // delivers no signals there), and the worker flushes when its event loop empties. Checking for
    // the main thread would load `worker_threads` at every start for nothing.
    if (this.#config.shutdownSignals) {
      removers.push(
        installSignalHandlers({
          shutdown: () => this.#shutdownWithin(true),
          flush: () => settleWithin(this.forceFlush(), this.#config.shutdownTimeoutMillis),
        }),
      );
    }
    if (this.#config.flushOnBeforeExit) {
      const onBeforeExit = (): void => {
        if (this.#activity?.takeActivity() !== true) return;
        this.#beginFinalExports();
        void settleWithin(this.forceFlush(), this.#config.shutdownTimeoutMillis, true).then((outcome) => {
          // The loop was empty before this flush, so only the stalled export keeps it alive: end
          // the process the way it was about to end, with its exit code.
          if (outcome === 'timed out') {
            diag.warn(shutdownDeadlineWarning(this.#config.shutdownTimeoutMillis));
            process.exit();
          }
        });
      };
      process.on('beforeExit', onBeforeExit);
      removers.push(() => process.removeListener('beforeExit', onBeforeExit));
    }
    this.#removeProcessHooks = () => removers.forEach((remove) => remove());
  }

  /** Tells exporters that can tell (the package's OTLP exporter) that the process is ending: a collector that is not there is not retried. */
  #beginFinalExports(): void {
    for (const exporter of this.#exporters) (exporter as { beginFinalExports?: () => void }).beginFinalExports?.();
  }

  /**
   * A tracer from this manager's provider; defaults to the service name as instrumentation scope.
   * When tracing is off it returns a no-op tracer, so calling code never needs to check.
   */
  tracer(name: string = this.#config.serviceName, version?: string): Tracer {
    return this.#provider?.getTracer(name, version) ?? trace.getTracer(name, version);
  }

  /**
   * A request handler that serves the metrics in Prometheus format (OpenMetrics with exemplars
   * when the scraper asks for it), to mount on the application's own server:
   * `app.get('/metrics', tracing.metricsHandler())`. When metrics are off it answers 404.
   */
  metricsHandler(): MetricsRequestHandler {
    return this.#metrics?.handler ?? metricsOffHandler;
  }

  /** Exports every span ended so far. Never rejects; failures are reported through `diag`. */
  async forceFlush(): Promise<void> {
    if (this.#provider === undefined || this.#state !== 'started') return;
    try {
      await this.#provider.forceFlush();
    } catch (error) {
      diag.warn(`${LOG_PREFIX} flush failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Flushes and stops tracing within `shutdownTimeoutMillis`, then releases the global
   * registrations. Later calls return the same promise. Never rejects.
   */
  shutdown(): Promise<void> {
    return this.#shutdownWithin(false);
  }

  #shutdownWithin(keepAlive: boolean): Promise<void> {
    this.#shutdown ??= this.#runShutdown(keepAlive);
    return this.#shutdown;
  }

  async #runShutdown(keepAlive: boolean): Promise<void> {
    if (this.#state === 'new') {
      this.#state = 'stopped';
      return;
    }
    this.#state = 'stopping';
    this.#removeProcessHooks?.();
    this.#beginFinalExports();
    const provider = this.#provider;
    if (provider !== undefined) {
      const stopping = Promise.allSettled([provider.shutdown(), this.#metrics?.shutdown()]);
      const outcome = await settleWithin(stopping, this.#config.shutdownTimeoutMillis, keepAlive);
      this.#stopLogCorrelation?.();
      if (outcome === 'timed out') diag.warn(shutdownDeadlineWarning(this.#config.shutdownTimeoutMillis));
      this.#stopInstrumentations?.();
      trace.disable();
      propagation.disable();
      withdrawContextManager(this.#contextManager);
      context.disable();
    }
    this.#state = 'stopped';
  }
}
