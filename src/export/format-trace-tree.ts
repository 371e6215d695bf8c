import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '../sdk/sdk-types';

/** Attributes worth showing on one line, in display order. */
const KEY_ATTRIBUTES = [
  'http.response.status_code',
  'url.full',
  'server.address',
  'code.function.name',
  'db.system.name',
  'messaging.system',
  'messaging.destination.name',
  'error.type',
] as const;

const KIND_LABEL: Record<SpanKind, string> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

function durationMillis(span: ReadableSpan): number {
  const [seconds, nanos] = span.duration;
  return seconds * 1000 + nanos / 1e6;
}

function startMillis(span: ReadableSpan): number {
  return span.startTime[0] * 1000 + span.startTime[1] / 1e6;
}

function describe(span: ReadableSpan): string {
  const parts = [`${span.name}`, `[${KIND_LABEL[span.kind]}]`, `${durationMillis(span).toFixed(1)} ms`];
  if (span.status.code === SpanStatusCode.ERROR) parts.push(`ERROR${span.status.message ? `: ${span.status.message}` : ''}`);
  for (const key of KEY_ATTRIBUTES) {
    const value = span.attributes[key];
    if (value !== undefined) parts.push(`${key}=${attributeText(value)}`);
  }
  return parts.join('  ');
}

/** How much each span shows. */
export interface TraceTreeOptions {
  /** Every attribute and event on lines of their own under each span, not only the key attributes. Default false. */
  verbose?: boolean;
}

/** Attribute and event lines under a span (verbose mode), attributes in the order they were set. */
function details(span: ReadableSpan): string[] {
  const lines = Object.entries(span.attributes).map(([key, value]) => `${key}=${attributeText(value)}`);
  const start = startMillis(span);
  for (const event of span.events) {
    const at = event.time[0] * 1000 + event.time[1] / 1e6 - start;
    const attributes = Object.entries(event.attributes ?? {}).map(([key, value]) => `${key}=${attributeText(value)}`);
    lines.push([`event ${event.name} +${at.toFixed(1)} ms`, ...attributes].join('  '));
  }
  return lines;
}

/**
 * Renders the spans of one trace as an indented tree: children under their parent, siblings in
 * start order, spans whose parent is not among them at the top. Verbose mode lists every attribute
 * and event under each span.
 */
export function formatTraceTree(spans: readonly ReadableSpan[], options: TraceTreeOptions = {}): string {
  const first = spans[0];
  if (first === undefined) return '';
  const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
  const children = new Map<string, ReadableSpan[]>();
  const roots: ReadableSpan[] = [];
  for (const span of spans) {
    const parentId = span.parentSpanContext?.spanId;
    if (parentId !== undefined && byId.has(parentId)) {
      const siblings = children.get(parentId) ?? [];
      siblings.push(span);
      children.set(parentId, siblings);
    } else {
      roots.push(span);
    }
  }
  const byStart = (a: ReadableSpan, b: ReadableSpan): number => startMillis(a) - startMillis(b);
  const serviceName = first.resource.attributes['service.name'];
  const lines = [`trace ${first.spanContext().traceId} (${serviceName === undefined ? 'unknown service' : attributeText(serviceName)}, ${spans.length} span${spans.length === 1 ? '' : 's'})`];
  const walk = (span: ReadableSpan, prefix: string, last: boolean): void => {
    lines.push(`${prefix}${last ? '└─ ' : '├─ '}${describe(span)}`);
    const kids = (children.get(span.spanContext().spanId) ?? []).sort(byStart);
    if (options.verbose === true) {
      const under = `${prefix}${last ? '   ' : '│  '}${kids.length > 0 ? '│  ' : '   '}`;
      // A multi-line value (a stack trace) continues indented under its own line.
      for (const line of details(span)) lines.push(`${under}· ${line.replace(/\r?\n/g, `\n${under}  `)}`);
    }
    kids.forEach((kid, index) => walk(kid, `${prefix}${last ? '   ' : '│  '}`, index === kids.length - 1));
  };
  roots.sort(byStart).forEach((root, index) => walk(root, '', index === roots.length - 1));
  return lines.join('\n');
}

/** An attribute value as text: strings as they are, anything else as JSON. */
function attributeText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}
