/**
 * The OpenTelemetry SDK's interfaces, declared here so that neither the package nor its public
 * types need the SDK installed. They have the shape of `@opentelemetry/sdk-trace` 3.x (the same as
 * `sdk-trace-base` 2.x), so samplers, processors, exporters and instrumentations from either line
 * plug in, and this package's spans satisfy their `ReadableSpan`.
 */
import type {
  Attributes,
  Context,
  HrTime,
  Link,
  MeterProvider,
  Span as ApiSpan,
  SpanContext,
  SpanKind,
  SpanStatus,
  TraceState,
  TracerProvider,
} from '@opentelemetry/api';

/** `ExportResultCode` of `@opentelemetry/core`: 0 success, 1 failure. */
export type ExportResultCodeValue = 0 | 1;

/** What an exporter reports for one export. */
export interface ExportResult {
  code: ExportResultCodeValue;
  error?: Error;
}

/** The name, version and schema of the library that made a span. */
export interface InstrumentationScope {
  readonly name: string;
  readonly version?: string;
  readonly schemaUrl?: string;
}

/** One attribute of a resource as given, possibly still a promise of a detected value. */
export type RawResourceAttribute = [string, unknown];

/** The entity producing spans: service, host, process. */
export interface Resource {
  readonly asyncAttributesPending?: boolean;
  readonly attributes: Attributes;
  readonly schemaUrl?: string;
  waitForAsyncAttributes?(): Promise<void>;
  merge(other: Resource | null): Resource;
  getRawAttributes(): RawResourceAttribute[];
}

/** An event with its time. */
export interface TimedEvent {
  time: HrTime;
  name: string;
  attributes?: Attributes;
  droppedAttributesCount?: number;
}

/** A span as processors and exporters read it. */
export interface ReadableSpan {
  readonly name: string;
  readonly kind: SpanKind;
  readonly spanContext: () => SpanContext;
  readonly parentSpanContext?: SpanContext;
  readonly startTime: HrTime;
  readonly endTime: HrTime;
  readonly status: SpanStatus;
  readonly attributes: Attributes;
  readonly links: Link[];
  readonly events: TimedEvent[];
  readonly duration: HrTime;
  readonly ended: boolean;
  readonly resource: Resource;
  readonly instrumentationScope: InstrumentationScope;
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

/** A recording span as a processor's `onStart` receives it: writable and readable. */
export type SdkSpan = ApiSpan & ReadableSpan;

/** Hooks called as recording spans start and end. */
export interface SpanProcessor {
  forceFlush(): Promise<void>;
  onStart(span: SdkSpan, parentContext: Context): void;
  onEnding?(span: SdkSpan): void;
  onEnd(span: ReadableSpan): void;
  shutdown(): Promise<void>;
}

/** Sends finished spans somewhere. */
export interface SpanExporter {
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

/** `SamplingDecision` of the SDK: 0 drop, 1 record only, 2 record and sample. */
export type SamplingDecision = 0 | 1 | 2;

/** A sampler's answer. */
export interface SamplingResult {
  decision: SamplingDecision;
  attributes?: Readonly<Attributes>;
  traceState?: TraceState;
}

/** Decides whether a new span records and is sampled. */
export interface Sampler {
  shouldSample(context: Context, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult;
  toString(): string;
}

/** Settings every instrumentation accepts. */
export interface InstrumentationConfig {
  enabled?: boolean;
}

/** An OpenTelemetry instrumentation, such as those of `@opentelemetry/instrumentation-*`. */
export interface Instrumentation<ConfigType extends InstrumentationConfig = InstrumentationConfig> {
  instrumentationName: string;
  instrumentationVersion: string;
  disable(): void;
  enable(): void;
  setTracerProvider(tracerProvider: TracerProvider): void;
  setMeterProvider(meterProvider: MeterProvider): void;
  setConfig(config: ConfigType): void;
  getConfig(): ConfigType;
}
