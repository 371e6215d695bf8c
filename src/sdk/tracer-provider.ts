import type { Tracer, TracerOptions, TracerProvider } from '@opentelemetry/api';
import type { Resource } from './sdk-types';
import type { Sampler, SpanProcessor } from './sdk-types';
import type { SpanLimitsConfig } from '../config/options';
import { defaultResource } from './resource';
import { AlwaysOnSampler } from './samplers/always';
import { LeanSampler } from './samplers/lean-sampler';
import { ParentBasedSampler } from './samplers/parent-based';
import { resolveSpanLimits } from './span-limits';
import { SpanProcessorFanOut } from './span-processor-fan-out';
import { LeanTracer, type TracerState } from './tracer';

/** What a {@link LeanTracerProvider} is built from. */
export interface LeanTracerProviderConfig {
  /** The resource of every span. Default: the SDK's default resource. */
  resource?: Resource;
  /** Decides which spans are recorded. Default: parent-based, always on for roots. */
  sampler?: Sampler;
  /** Told about every recording span as it starts and ends, in this order. */
  spanProcessors?: SpanProcessor[];
  /** Attribute, event and link limits; unset ones take the specification's defaults. */
  spanLimits?: SpanLimitsConfig;
}

/**
 * The tracer provider of this package: the official SDK's tracing behaviour (sampling, limits,
 * processors) at a fraction of its start-up and per-span cost. After {@link shutdown} it keeps
 * handing out tracers, whose spans are then non-recording.
 */
export class LeanTracerProvider implements TracerProvider {
  readonly #state: TracerState;
  readonly #tracers = new Map<string, LeanTracer>();
  #shutdown: Promise<void> | undefined;

  constructor(config: LeanTracerProviderConfig = {}) {
    this.#state = {
      resource: config.resource ?? defaultResource(),
      sampler: config.sampler ?? new ParentBasedSampler({ root: new AlwaysOnSampler() }),
      limits: resolveSpanLimits(config.spanLimits),
      processors: new SpanProcessorFanOut([...(config.spanProcessors ?? [])]),
      shutDown: false,
    };
  }

  /** The resource of every span. */
  get resource(): Resource {
    return this.#state.resource;
  }

  /** The tracer for an instrumentation scope; the same object for the same name, version and schema URL. */
  getTracer(name: string, version?: string, options?: TracerOptions): Tracer {
    const key = `${name}@${version ?? ''}:${options?.schemaUrl ?? ''}`;
    let tracer = this.#tracers.get(key);
    if (tracer === undefined) {
      tracer = new LeanTracer(this.#state, { name, version, schemaUrl: options?.schemaUrl });
      this.#tracers.set(key, tracer);
    }
    return tracer;
  }

  /** Flushes every processor. Rejects with the first failure, after all processors settled. */
  forceFlush(): Promise<void> {
    if (this.#state.shutDown) return Promise.resolve();
    return this.#state.processors.forceFlush();
  }

  /** Shuts every processor down, once; later calls return the same promise. Spans started afterwards do not record. */
  shutdown(): Promise<void> {
    if (this.#shutdown === undefined) {
      this.#state.shutDown = true;
      // A sampler with background work (remote strategy polling) stops with the provider.
      if (this.#state.sampler instanceof LeanSampler) this.#state.sampler.shutdown();
      this.#shutdown = this.#state.processors.shutdown();
    }
    return this.#shutdown;
  }
}
