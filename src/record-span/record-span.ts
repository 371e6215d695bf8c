import {
  context as contextApi,
  diag,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type HrTime,
  type Link,
  type SpanContext,
  type SpanStatus,
} from '@opentelemetry/api';
import { isCarrier, type PropagationCarrier } from '../propagation/carriers';
import { extract } from '../propagation/inject-extract';
import { endBeforeStartRecordWarning, futureRecordWarning, invalidRecordInputMessage } from './record-span-warnings';
import { hrTimeMillis, toEpochHrTime, type RecordedTime } from './span-time';

/** Instrumentation scope of the spans {@link recordSpan} records. */
export const RECORD_SPAN_TRACER_NAME = 'otel-bootstrap.record-span';

/** A span time may lie this far in the future (clock skew between hosts); later ones are refused. */
export const MAX_FUTURE_SKEW_MILLIS = 15 * 60_000;

/** An event of a recorded span, at its own time. */
export interface RecordedEvent {
  name: string;
  time: RecordedTime;
  attributes?: Attributes;
}

/** A link of a recorded span. */
export interface RecordedLink {
  context: SpanContext;
  attributes?: Attributes;
}

/** The span kinds by name, as logs and configuration files write them. */
export type SpanKindName = 'internal' | 'server' | 'client' | 'producer' | 'consumer';

/** What {@link recordSpan} records. */
export interface RecordSpanInput {
  /** The span name; required. */
  name: string;
  /** When the work started: a `Date`, epoch milliseconds, or epoch `[seconds, nanoseconds]`. */
  startTime: RecordedTime;
  /** When it ended, not before `startTime`. */
  endTime: RecordedTime;
  /** Default `internal`. */
  kind?: SpanKind | SpanKindName;
  attributes?: Attributes;
  events?: readonly RecordedEvent[];
  links?: readonly RecordedLink[];
  /** `'ok'`, `'error'`, or an OpenTelemetry status (an error may carry a message). Default unset. */
  status?: 'ok' | 'error' | SpanStatus;
  /**
   * The parent: a `Context`, a `SpanContext`, or a carrier (headers such as
   * `{ traceparent: '00-…' }` or `{ 'uber-trace-id': '…' }`, read with the configured
   * propagators). Default: the active span, if any, else the span starts a new trace.
   */
  parent?: Context | SpanContext | PropagationCarrier;
}

const KINDS: Readonly<Record<SpanKindName, SpanKind>> = {
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

interface Checked {
  name: string;
  startTime: HrTime;
  endTime: HrTime;
  kind: SpanKind;
  attributes: Attributes | undefined;
  events: Array<{ name: string; time: HrTime; attributes: Attributes | undefined }>;
  links: Link[];
  status: SpanStatus | undefined;
  parent: Context;
}

function reject(field: string, accepted: string, received: string): never {
  throw new TypeError(invalidRecordInputMessage(field, accepted, received));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === undefined) return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function time(field: string, value: unknown): HrTime {
  const converted = toEpochHrTime(value);
  if (typeof converted === 'string') reject(field, 'a Date, epoch milliseconds or [seconds, nanoseconds]', converted);
  return converted;
}

function attributes(field: string, value: unknown): Attributes | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) reject(field, 'an object of attributes', describe(value));
  return value;
}

function kind(value: unknown): SpanKind {
  if (value === undefined) return SpanKind.INTERNAL;
  if (typeof value === 'string' && Object.hasOwn(KINDS, value)) return KINDS[value as SpanKindName];
  if (typeof value === 'number' && Object.values(KINDS).includes(value)) return value;
  return reject('kind', `a SpanKind or one of ${Object.keys(KINDS).join(', ')}`, describe(value));
}

function status(value: unknown): SpanStatus | undefined {
  if (value === undefined) return undefined;
  if (value === 'ok') return { code: SpanStatusCode.OK };
  if (value === 'error') return { code: SpanStatusCode.ERROR };
  if (isRecord(value) && [SpanStatusCode.UNSET, SpanStatusCode.OK, SpanStatusCode.ERROR].includes(value.code as SpanStatusCode) && (value.message === undefined || typeof value.message === 'string')) {
    return value.message === undefined ? { code: value.code as SpanStatusCode } : { code: value.code as SpanStatusCode, message: value.message };
  }
  return reject('status', "'ok', 'error' or { code, message? }", describe(value));
}

function isSpanContext(value: Record<string, unknown>): boolean {
  return typeof value.traceId === 'string' && typeof value.spanId === 'string' && typeof value.traceFlags === 'number';
}

function parentContext(value: unknown): Context {
  if (value === undefined) return contextApi.active();
  if (isRecord(value) && typeof value.getValue === 'function' && typeof value.setValue === 'function') return value as unknown as Context;
  if (isRecord(value) && isSpanContext(value)) {
    if (!trace.isSpanContextValid(value as unknown as SpanContext)) reject('parent', 'a valid SpanContext', 'a SpanContext with invalid ids');
    return trace.setSpanContext(ROOT_CONTEXT, value as unknown as SpanContext);
  }
  if (isCarrier(value)) return extract(value);
  return reject('parent', 'a Context, a SpanContext or a header carrier', describe(value));
}

function list<T>(field: string, value: unknown, check: (entry: unknown, at: string) => T): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) reject(field, 'an array', describe(value));
  return (value as unknown[]).map((entry, index) => check(entry, `${field}[${index}]`));
}

/** Checks every field and converts the times; throws before anything is recorded. */
function check(input: unknown): Checked {
  if (!isRecord(input)) reject('input', 'an object', describe(input));
  if (typeof input.name !== 'string' || input.name.trim() === '') reject('name', 'a non-empty string', describe(input.name));
  return {
    name: input.name,
    startTime: time('startTime', input.startTime),
    endTime: time('endTime', input.endTime),
    kind: kind(input.kind),
    attributes: attributes('attributes', input.attributes),
    events: list('events', input.events, (entry, at) => {
      if (!isRecord(entry) || typeof entry.name !== 'string' || entry.name === '') reject(at, 'an object with a non-empty name', describe(entry));
      return { name: entry.name, time: time(`${at}.time`, entry.time), attributes: attributes(`${at}.attributes`, entry.attributes) };
    }),
    links: list('links', input.links, (entry, at) => {
      if (!isRecord(entry) || !isRecord(entry.context) || !isSpanContext(entry.context) || !trace.isSpanContextValid(entry.context as unknown as SpanContext)) {
        reject(at, 'an object with a valid SpanContext as context', describe(entry));
      }
      const linkAttributes = attributes(`${at}.attributes`, entry.attributes);
      return { context: entry.context as unknown as SpanContext, ...(linkAttributes === undefined ? {} : { attributes: linkAttributes }) };
    }),
    status: status(input.status),
    parent: parentContext(input.parent),
  };
}

/** Why these times cannot be recorded, or `undefined` when they can. */
function implausibleTimes(checked: Checked, nowMillis: number): string | undefined {
  const start = hrTimeMillis(checked.startTime);
  const end = hrTimeMillis(checked.endTime);
  const latest = nowMillis + MAX_FUTURE_SKEW_MILLIS;
  if (start > latest) return futureRecordWarning(checked.name, 'startTime', start, MAX_FUTURE_SKEW_MILLIS);
  if (end > latest) return futureRecordWarning(checked.name, 'endTime', end, MAX_FUTURE_SKEW_MILLIS);
  if (end < start) return endBeforeStartRecordWarning(checked.name, start, end);
  for (const event of checked.events) {
    const at = hrTimeMillis(event.time);
    if (at > latest) return futureRecordWarning(checked.name, `event ${JSON.stringify(event.name)} time`, at, MAX_FUTURE_SKEW_MILLIS);
  }
  return undefined;
}

/**
 * Records a span that already happened, with its own start and end times: work observed from
 * outside the process, such as the lines of a load balancer's access log or a job's history.
 * The span goes through the configured sampler, processors and exporters like any other.
 *
 * Everything is checked before anything is recorded. A field of the wrong form (no name, a time
 * that is not a time, an unknown kind) throws a `TypeError` naming the field. Times that cannot
 * be right (an end before the start, a time more than {@link MAX_FUTURE_SKEW_MILLIS} in the
 * future) give one warning naming the span, and nothing is recorded.
 *
 * @returns the recorded span's context (to parent further spans on it), or `undefined` when the
 *   times were refused
 *
 * @example
 * ```ts
 * const root = recordSpan({
 *   name: 'GET /orders',
 *   kind: 'server',
 *   startTime: new Date('2026-12-02T10:00:00.120Z'),
 *   endTime: new Date('2026-12-02T10:00:00.245Z'),
 *   attributes: { 'http.response.status_code': 200 },
 *   parent: { traceparent: '00-80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-01' },
 * });
 * ```
 */
export function recordSpan(input: RecordSpanInput): SpanContext | undefined {
  const checked = check(input);
  const refused = implausibleTimes(checked, Date.now());
  if (refused !== undefined) {
    diag.warn(refused);
    return undefined;
  }
  const span = trace.getTracer(RECORD_SPAN_TRACER_NAME).startSpan(
    checked.name,
    { kind: checked.kind, startTime: checked.startTime, links: checked.links, ...(checked.attributes === undefined ? {} : { attributes: checked.attributes }) },
    checked.parent,
  );
  for (const event of checked.events) span.addEvent(event.name, event.attributes ?? {}, event.time);
  if (checked.status !== undefined) span.setStatus(checked.status);
  span.end(checked.endTime);
  return span.spanContext();
}
