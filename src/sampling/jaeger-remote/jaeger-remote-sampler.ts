import { diag, type Attributes, type SpanContext, type SpanKind } from '@opentelemetry/api';
import { LOG_PREFIX } from '../../config/warnings';
import type { SamplingDecision } from '../../sdk/sdk-types';
import { LeanSampler, type SamplingNote } from '../../sdk/samplers/lean-sampler';
import { TraceIdRatioSampler } from '../../sdk/samplers/trace-id-ratio';
import { RateLimitingSampler } from '../rate-limiting-sampler';
import { MONOTONIC_CLOCK, type Clock } from '../token-bucket';
import { fetchStrategy, type StrategyRequest } from './fetch-strategy';
import { PerOperationSampler } from './per-operation-sampler';
import { describeStrategy, parseStrategy, type SamplingStrategy } from './strategy';

/** Where a {@link JaegerRemoteSampler} asks and how often. */
export interface JaegerRemoteSamplerOptions {
  /** The service whose strategy is asked for (`?service=`). */
  serviceName: string;
  /** The sampling endpoint. Default `http://localhost:5778/sampling` (the agent's, and Jaeger v2's `remote_sampling` extension's). */
  endpoint?: string;
  /** Milliseconds between two polls. Default 60000. */
  pollingIntervalMs?: number;
  /** The sampler used until a first strategy arrives. Default: ratio 0.001, the specification's. */
  initialSampler?: LeanSampler;
  /** Longest wait for one answer, in ms. Default: the polling interval, between 1 and 10 seconds. */
  requestTimeoutMs?: number;
  /** Clock of the rate limiters, for tests. */
  clock?: Clock;
}

/** Default endpoint of Jaeger's remote sampling. */
export const DEFAULT_JAEGER_SAMPLING_ENDPOINT = 'http://localhost:5778/sampling';
/** Default polling interval, as the OpenTelemetry specification gives it. */
export const DEFAULT_JAEGER_POLLING_INTERVAL_MS = 60_000;
/** Default initial sampling rate, as the OpenTelemetry specification gives it. */
export const DEFAULT_JAEGER_INITIAL_SAMPLING_RATE = 0.001;

/** Warning when a poll fails; one per run of failures. */
export function remoteSamplingFailedWarning(url: string, reason: string, kept: string, intervalMillis: number): string {
  return `${LOG_PREFIX} Jaeger remote sampling: no strategy from ${url} (${reason}); keeping ${kept} and retrying every ${intervalMillis} ms. Further failures are counted and reported when a strategy arrives again.`;
}

/** Message when polling works again after failures. */
export function remoteSamplingRecoveredMessage(url: string, failures: number, strategy: string): string {
  return `${LOG_PREFIX} Jaeger remote sampling: strategy from ${url} again after ${failures} failed ${failures === 1 ? 'poll' : 'polls'}; now ${strategy}.`;
}

/**
 * Samples as a Jaeger backend tells it to: polls the sampling endpoint for this service's
 * strategy (probabilistic, rate limiting, or per operation with a guaranteed lower bound) and
 * decides with it; use it as the root sampler inside ParentBased. {@link start} asks at once, then
 * every polling interval; until a first strategy arrives the initial sampler decides, and a poll
 * that fails, answers garbage or hangs past its timeout leaves the last good strategy in place,
 * with one warning per run of failures. Its timer never keeps the process alive.
 */
export class JaegerRemoteSampler extends LeanSampler {
  readonly #url: URL;
  readonly #intervalMillis: number;
  readonly #timeoutMillis: number;
  readonly #clock: Clock;
  #current: LeanSampler;
  #strategy: SamplingStrategy | undefined;
  #timer: NodeJS.Timeout | undefined;
  #request: StrategyRequest | undefined;
  #stopped = false;
  #failures = 0;
  #updates = 0;

  constructor(options: JaegerRemoteSamplerOptions) {
    super();
    const url = new URL(options.endpoint ?? DEFAULT_JAEGER_SAMPLING_ENDPOINT);
    url.searchParams.set('service', options.serviceName);
    this.#url = url;
    this.#intervalMillis = options.pollingIntervalMs ?? DEFAULT_JAEGER_POLLING_INTERVAL_MS;
    this.#timeoutMillis = options.requestTimeoutMs ?? Math.min(10_000, Math.max(1_000, this.#intervalMillis));
    this.#clock = options.clock ?? MONOTONIC_CLOCK;
    this.#current = options.initialSampler ?? new TraceIdRatioSampler(DEFAULT_JAEGER_INITIAL_SAMPLING_RATE);
  }

  /** The strategy in force, or undefined while the initial sampler decides. */
  get strategy(): SamplingStrategy | undefined {
    return this.#strategy;
  }

  /** How many strategies have been applied (a changed one or the same one again). */
  get updates(): number {
    return this.#updates;
  }

  /** Polls now and then every interval. Calling it again, or after {@link shutdown}, does nothing. */
  start(): this {
    if (this.#timer === undefined && this.#request === undefined && !this.#stopped) this.#poll();
    return this;
  }

  /** Stops polling and gives up a request in flight; the strategy in force keeps deciding. */
  override shutdown(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#request?.abort();
  }

  decide(parent: SpanContext | undefined, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes | undefined): SamplingDecision {
    return this.#current.decide(parent, traceId, spanName, spanKind, attributes);
  }

  override note(parent: SpanContext | undefined, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes | undefined): SamplingNote | undefined {
    return this.#current.note(parent, traceId, spanName, spanKind, attributes);
  }

  toString(): string {
    return `JaegerRemoteSampler{${this.#strategy === undefined ? `initial ${this.#current.toString()}` : describeStrategy(this.#strategy)}}`;
  }

  #poll(): void {
    const request = fetchStrategy(this.#url, this.#timeoutMillis);
    this.#request = request;
    request.body.then(
      (body) => {
        try {
          this.#apply(parseStrategy(body));
        } catch (error) {
          this.#failed(error);
        }
      },
      (error: unknown) => this.#failed(error),
    ).finally(() => {
      this.#request = undefined;
      if (this.#stopped) return;
      this.#timer = setTimeout(() => this.#poll(), this.#intervalMillis);
      this.#timer.unref();
    }).catch(() => undefined);
  }

  #apply(strategy: SamplingStrategy): void {
    if (this.#stopped) return;
    this.#current = samplerFor(strategy, this.#current, this.#clock);
    this.#strategy = strategy;
    this.#updates++;
    if (this.#failures > 0) diag.info(remoteSamplingRecoveredMessage(this.#url.href, this.#failures, describeStrategy(strategy)));
    this.#failures = 0;
  }

  #failed(error: unknown): void {
    if (this.#stopped) return;
    if (this.#failures++ > 0) return;
    const kept = this.#strategy === undefined ? `the initial ${this.#current.toString()}` : `the last strategy (${describeStrategy(this.#strategy)})`;
    diag.warn(remoteSamplingFailedWarning(this.#url.href, error instanceof Error ? error.message : String(error), kept, this.#intervalMillis));
  }
}

/** The sampler for `strategy`, updating `current` in place when it has the same shape (rate limiters keep their balance). */
function samplerFor(strategy: SamplingStrategy, current: LeanSampler, clock: Clock): LeanSampler {
  switch (strategy.type) {
    case 'probabilistic':
      return current instanceof TraceIdRatioSampler && current.ratio === strategy.samplingRate ? current : new TraceIdRatioSampler(strategy.samplingRate);
    case 'ratelimiting':
      return current instanceof RateLimitingSampler && current.tracesPerSecond === strategy.maxTracesPerSecond ? current : new RateLimitingSampler(strategy.maxTracesPerSecond, clock);
    case 'peroperation':
      if (current instanceof PerOperationSampler) {
        current.update(strategy.defaultSamplingRate, strategy.defaultLowerBoundTracesPerSecond, strategy.operations);
        return current;
      }
      return new PerOperationSampler(strategy.defaultSamplingRate, strategy.defaultLowerBoundTracesPerSecond, strategy.operations, clock);
  }
}
