import {
  diag,
  SpanStatusCode,
  type Attributes,
  type AttributeValue,
  type Context,
  type Exception,
  type HrTime,
  type Link,
  type Span as ApiSpan,
  type SpanContext,
  type SpanKind,
  type SpanStatus,
  type TimeInput,
} from '@opentelemetry/api';
import type { InstrumentationScope, ReadableSpan, Resource, TimedEvent } from './sdk-types';
import { isAttributeValue, limitAttributeValue } from './attribute-values';
import type { SpanLimits } from './span-limits';
import type { SpanProcessorFanOut } from './span-processor-fan-out';
import { hrTimeDuration, isTimeInput, nowHrTime, toHrTime } from './time';
import { endBeforeStartWarning, invalidAttributeWarning, spanEndedTwiceWarning, unrecordableExceptionWarning } from './warnings';

/** What every span of one tracer shares. */
export interface SpanShared {
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
  readonly limits: SpanLimits;
  readonly processors: SpanProcessorFanOut;
}

const UNSET_STATUS: SpanStatus = Object.freeze({ code: SpanStatusCode.UNSET });
// Most spans have no events or links: they share these empty arrays until their first one.
const NO_EVENTS: TimedEvent[] = Object.freeze([]) as unknown as TimedEvent[];
const NO_LINKS: Link[] = Object.freeze([]) as unknown as Link[];

/**
 * A recording span. It is the API `Span` the application writes to and the SDK `ReadableSpan`
 * processors and exporters read, with the official SDK's rules for attributes, limits, status and
 * time. Spans that are not sampled never become one of these.
 */
export class RecordingSpan implements ApiSpan, ReadableSpan {
  /** The span's name. */
  name: string;
  /** The span's kind. */
  readonly kind: SpanKind;
  /** The parent's context, when the span has a valid parent. */
  readonly parentSpanContext: SpanContext | undefined;
  /** When the span started, as epoch `[seconds, nanoseconds]`. */
  readonly startTime: HrTime;
  /** When the span ended; `[0, 0]` until then. */
  endTime: HrTime = [0, 0];
  /** The span's status. */
  status: SpanStatus = UNSET_STATUS;
  /** The attributes kept within the limits. */
  readonly attributes: Attributes = {};
  /** The links kept within the limits. */
  links: Link[] = NO_LINKS;
  /** The events kept within the limits. */
  events: TimedEvent[] = NO_EVENTS;
  /** The resource of the provider. */
  readonly resource: Resource;
  /** The scope of the tracer that started the span. */
  readonly instrumentationScope: InstrumentationScope;

  readonly #spanContext: SpanContext;
  readonly #limits: SpanLimits;
  readonly #processors: SpanProcessorFanOut;
  #ended = false;
  #duration: HrTime = [-1, -1];
  #attributeCount = 0;
  #droppedAttributes = 0;
  #droppedEvents = 0;
  #droppedLinks = 0;

  /** Starts the span; the tracer adds links and attributes, then tells the processors. */
  constructor(shared: SpanShared, name: string, kind: SpanKind, spanContext: SpanContext, parentSpanContext: SpanContext | undefined, startTime: TimeInput | undefined) {
    this.name = name;
    this.kind = kind;
    this.#spanContext = spanContext;
    this.parentSpanContext = parentSpanContext;
    this.startTime = startTime !== undefined && isTimeInput(startTime) ? toHrTime(startTime) : nowHrTime();
    this.resource = shared.resource;
    this.instrumentationScope = shared.scope;
    this.#limits = shared.limits;
    this.#processors = shared.processors;
  }

  /** Hands the started span to the processors. */
  notifyStart(parentContext: Context): void {
    this.#processors.onStart(this, parentContext);
  }

  spanContext(): SpanContext {
    return this.#spanContext;
  }

  /** How long the span lasted; `[-1, -1]` until it ends. */
  get duration(): HrTime {
    return this.#duration;
  }

  /** Whether `end()` was called. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Attributes not kept because the count limit was reached. */
  get droppedAttributesCount(): number {
    return this.#droppedAttributes;
  }

  /** Events not kept (the oldest go first) because the count limit was reached. */
  get droppedEventsCount(): number {
    return this.#droppedEvents;
  }

  /** Links not kept (the oldest go first) because the count limit was reached. */
  get droppedLinksCount(): number {
    return this.#droppedLinks;
  }

  isRecording(): boolean {
    return !this.#ended;
  }

  /**
   * Stores a valid attribute; null or undefined values are ignored, invalid keys and values are
   * ignored with a warning, a new key past the count limit is counted as dropped.
   */
  setAttribute(key: string, value?: AttributeValue): this {
    if (value === undefined || value === null || this.#ended) return this;
    if (typeof key !== 'string' || key.length === 0 || !isAttributeValue(value)) {
      diag.warn(invalidAttributeWarning(String(key)));
      return this;
    }
    const isNewKey = !Object.hasOwn(this.attributes, key);
    if (isNewKey && this.#attributeCount >= this.#limits.attributeCountLimit) {
      this.#droppedAttributes++;
      return this;
    }
    this.attributes[key] = limitAttributeValue(value, this.#limits.attributeValueLengthLimit);
    if (isNewKey) this.#attributeCount++;
    return this;
  }

  setAttributes(attributes: Attributes): this {
    for (const key in attributes) {
      if (Object.hasOwn(attributes, key)) this.setAttribute(key, attributes[key]);
    }
    return this;
  }

  /**
   * Adds an event; the second argument is its attributes, or its time when it is a time input.
   * Past the event limit the oldest event is dropped.
   */
  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    if (this.#ended) return this;
    let attributes = attributesOrTime as Attributes | undefined;
    if (isTimeInput(attributesOrTime)) {
      if (!isTimeInput(time)) time = attributesOrTime;
      attributes = undefined;
    }
    const limit = this.#limits.eventCountLimit;
    if (limit === 0) {
      this.#droppedEvents++;
      return this;
    }
    if (this.events === NO_EVENTS) this.events = [];
    else if (this.events.length >= limit) {
      this.events.shift();
      this.#droppedEvents++;
    }
    const kept = this.#limitedAttributes(attributes, this.#limits.attributePerEventCountLimit);
    this.events.push({ name, attributes: kept.attributes, time: this.#timeOrNow(time), droppedAttributesCount: kept.dropped });
    return this;
  }

  /** Adds a link; past the link limit the oldest link is dropped. */
  addLink(link: Link): this {
    if (this.#ended) return this;
    const limit = this.#limits.linkCountLimit;
    if (limit === 0) {
      this.#droppedLinks++;
      return this;
    }
    if (this.links === NO_LINKS) this.links = [];
    else if (this.links.length >= limit) {
      this.links.shift();
      this.#droppedLinks++;
    }
    const kept = this.#limitedAttributes(link.attributes, this.#limits.attributePerLinkCountLimit);
    const stored: Link = { context: link.context };
    if (kept.count > 0) stored.attributes = kept.attributes;
    if (kept.dropped > 0) stored.droppedAttributesCount = kept.dropped;
    this.links.push(stored);
    return this;
  }

  addLinks(links: Link[]): this {
    for (const link of links) this.addLink(link);
    return this;
  }

  /**
   * Sets the status: UNSET is ignored, OK is final, ERROR keeps its description (when it is a
   * string), OK drops any description.
   */
  setStatus(status: SpanStatus): this {
    if (this.#ended || status.code === SpanStatusCode.UNSET || this.status.code === SpanStatusCode.OK) return this;
    this.status = status.code === SpanStatusCode.ERROR && typeof status.message === 'string' ? { code: status.code, message: status.message } : { code: status.code };
    return this;
  }

  updateName(name: string): this {
    if (!this.#ended) this.name = name;
    return this;
  }

  /**
   * Ends the span (at `endTime`, else now) and hands it to the processors. Only the first call
   * counts; later ones are ignored with a warning.
   */
  end(endTime?: TimeInput): void {
    if (this.#ended) {
      diag.warn(spanEndedTwiceWarning(this.name));
      return;
    }
    this.endTime = this.#timeOrNow(endTime);
    this.#duration = hrTimeDuration(this.startTime, this.endTime);
    if (this.#duration[0] < 0) {
      diag.warn(endBeforeStartWarning(this.name));
      this.endTime = [this.startTime[0], this.startTime[1]];
      this.#duration = [0, 0];
    }
    this.#processors.onEnding(this);
    this.#ended = true;
    this.#processors.onEnd(this);
  }

  /**
   * Adds an `exception` event with `exception.type` (the code, else the name), `exception.message`
   * and `exception.stacktrace`, as the semantic conventions name them.
   */
  recordException(exception: Exception, time?: TimeInput): void {
    const attributes: Attributes = {};
    if (typeof exception === 'string') {
      attributes['exception.message'] = exception;
    } else if (exception !== null && typeof exception === 'object') {
      if (exception.code) attributes['exception.type'] = exception.code.toString();
      else if (exception.name) attributes['exception.type'] = exception.name;
      if (exception.message) attributes['exception.message'] = exception.message;
      if (exception.stack) attributes['exception.stacktrace'] = exception.stack;
    }
    if (attributes['exception.type'] === undefined && attributes['exception.message'] === undefined) {
      diag.warn(unrecordableExceptionWarning(exception));
      return;
    }
    this.addEvent('exception', attributes, time);
  }

  #timeOrNow(time: TimeInput | undefined): HrTime {
    return time !== undefined && isTimeInput(time) ? toHrTime(time) : nowHrTime();
  }

  /** Valid attributes of an event or link, at most `limit` of them, values cut to the length limit. */
  #limitedAttributes(attributes: Attributes | undefined, limit: number): { attributes: Attributes; count: number; dropped: number } {
    const kept: Attributes = {};
    let count = 0;
    let dropped = 0;
    if (attributes === undefined || attributes === null || typeof attributes !== 'object') return { attributes: kept, count, dropped };
    for (const key in attributes) {
      if (!Object.hasOwn(attributes, key)) continue;
      const value = attributes[key];
      if (value === undefined || value === null) continue;
      if (key.length === 0 || !isAttributeValue(value)) {
        diag.warn(invalidAttributeWarning(key));
        continue;
      }
      if (count >= limit) {
        dropped++;
        continue;
      }
      kept[key] = limitAttributeValue(value, this.#limits.attributeValueLengthLimit);
      count++;
    }
    return { attributes: kept, count, dropped };
  }
}
