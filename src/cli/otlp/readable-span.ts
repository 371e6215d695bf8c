import type { Attributes, HrTime, SpanContext, TraceState } from '@opentelemetry/api';
import type { ReadableSpan, Resource } from '../../sdk/sdk-types';
import type { ViewResource, ViewSpan, ViewValue } from '../trace-model';

const CONTEXT_HAS_IS_REMOTE = 0x100;
const CONTEXT_IS_REMOTE = 0x200;

/**
 * Turns decoded spans back into `ReadableSpan`s, so they can be encoded again exactly the way an
 * exporter sends them (to measure their size). Spans of one decoded resource share one resource
 * object, as spans of one tracer provider do.
 */
export function toReadableSpans(spans: readonly ViewSpan[]): ReadableSpan[] {
  const resources = new Map<ViewResource, Resource>();
  return spans.map((span) => {
    let resource = resources.get(span.resource);
    if (resource === undefined) {
      resource = staticResource(span.resource);
      resources.set(span.resource, resource);
    }
    return toReadableSpan(span, resource);
  });
}

function toReadableSpan(span: ViewSpan, resource: Resource): ReadableSpan {
  const traceFlags = span.flags & 0xff;
  const context: SpanContext = { traceId: span.traceId, spanId: span.spanId, traceFlags, traceState: traceStateOf(span.traceState) };
  const startTime = hrTime(span.startTimeUnixNano);
  const endTime = hrTime(span.endTimeUnixNano);
  const durationNanos = BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano);
  const scope = span.scope;
  return {
    name: span.name,
    kind: Math.max(0, span.kind - 1),
    spanContext: () => context,
    ...(span.parentSpanId === ''
      ? {}
      : { parentSpanContext: { traceId: span.traceId, spanId: span.parentSpanId, traceFlags, isRemote: (span.flags & CONTEXT_IS_REMOTE) !== 0 } }),
    startTime,
    endTime,
    duration: durationNanos > 0n ? [Number(durationNanos / 1_000_000_000n), Number(durationNanos % 1_000_000_000n)] : [0, 0],
    status: span.status.message === '' ? { code: span.status.code } : { code: span.status.code, message: span.status.message },
    attributes: attributesOf(span.attributes),
    links: span.links.map((link) => ({
      context: {
        traceId: link.traceId,
        spanId: link.spanId,
        traceFlags: link.flags & 0xff,
        isRemote: (link.flags & (CONTEXT_HAS_IS_REMOTE | CONTEXT_IS_REMOTE)) === (CONTEXT_HAS_IS_REMOTE | CONTEXT_IS_REMOTE),
        traceState: traceStateOf(link.traceState),
      },
      ...(Object.keys(link.attributes).length === 0 ? {} : { attributes: attributesOf(link.attributes) }),
      droppedAttributesCount: link.droppedAttributesCount,
    })),
    events: span.events.map((event) => ({
      name: event.name,
      time: hrTime(event.timeUnixNano),
      ...(Object.keys(event.attributes).length === 0 ? {} : { attributes: attributesOf(event.attributes) }),
      droppedAttributesCount: event.droppedAttributesCount,
    })),
    ended: true,
    resource,
    instrumentationScope: { name: scope.name, ...(scope.version === '' ? {} : { version: scope.version }), ...(scope.schemaUrl === '' ? {} : { schemaUrl: scope.schemaUrl }) },
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

function staticResource(view: ViewResource): Resource {
  const attributes = attributesOf(view.attributes);
  const resource: Resource = {
    attributes,
    ...(view.schemaUrl === '' ? {} : { schemaUrl: view.schemaUrl }),
    merge: () => resource,
    getRawAttributes: () => Object.entries(attributes),
  };
  return resource;
}

function traceStateOf(text: string): TraceState | undefined {
  if (text === '') return undefined;
  // Only serialize() is read when spans are encoded.
  const state: TraceState = { set: () => state, unset: () => state, get: () => undefined, serialize: () => text };
  return state;
}

function hrTime(nanosText: string): HrTime {
  const nanos = BigInt(nanosText);
  return [Number(nanos / 1_000_000_000n), Number(nanos % 1_000_000_000n)];
}

function attributesOf(view: Record<string, ViewValue>): Attributes {
  const attributes: Attributes = {};
  for (const key of Object.keys(view)) attributes[key] = view[key];
  return attributes;
}
