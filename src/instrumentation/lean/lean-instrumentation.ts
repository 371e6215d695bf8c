import { trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import type { Instrumentation, InstrumentationConfig } from '../../sdk/sdk-types';

/**
 * What the package's diagnostics-channel instrumentations share: the `Instrumentation` contract
 * (tracer provider, settings, enable/disable) without `@opentelemetry/instrumentation`'s module
 * hooks. A subclass subscribes in {@link subscribe}, unsubscribes in {@link unsubscribe}, and calls
 * {@link enableUnlessDisabled} at the end of its constructor, once its own handlers exist.
 */
export abstract class LeanInstrumentation<Config extends InstrumentationConfig> implements Instrumentation<Config> {
  readonly instrumentationName: string;
  readonly instrumentationVersion: string;
  #config: Config;
  #tracer: Tracer;
  #subscribed = false;

  protected constructor(name: string, version: string, config: Config) {
    this.instrumentationName = name;
    this.instrumentationVersion = version;
    this.#config = { ...config, enabled: config.enabled ?? true };
    this.#tracer = trace.getTracer(name, version);
  }

  /** The tracer spans come from: the global one until {@link setTracerProvider} is called. */
  protected get tracer(): Tracer {
    return this.#tracer;
  }

  /** Whether the channels are subscribed. */
  protected get subscribed(): boolean {
    return this.#subscribed;
  }

  /** Makes later spans come from `provider`. */
  setTracerProvider(provider: TracerProvider): void {
    this.#tracer = provider.getTracer(this.instrumentationName, this.instrumentationVersion);
  }

  /** Accepted for the interface; these instrumentations record no metrics. */
  setMeterProvider(): void {
    // No metrics.
  }

  /** Replaces the settings; whether the instrumentation is enabled is kept. */
  setConfig(config: Config): void {
    this.#config = { ...config, enabled: this.#config.enabled };
  }

  /** The current settings. */
  getConfig(): Config {
    return this.#config;
  }

  /** Subscribes to the channels; calling it again does nothing. */
  enable(): void {
    this.#config.enabled = true;
    if (this.#subscribed) return;
    this.#subscribed = true;
    this.subscribe();
  }

  /** Unsubscribes; requests already in flight are no longer followed. */
  disable(): void {
    this.#config.enabled = false;
    if (!this.#subscribed) return;
    this.#subscribed = false;
    this.unsubscribe();
  }

  /** Enables the instrumentation unless its settings say `enabled: false`. */
  protected enableUnlessDisabled(): void {
    if (this.#config.enabled === true) this.enable();
  }

  protected abstract subscribe(): void;

  protected abstract unsubscribe(): void;
}
