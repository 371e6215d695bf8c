/** Spans in the viewer's shape, for the ui and page tests. */
import type { ViewResource, ViewSpan } from '../../../src/cli/trace-model';

export const resource = (service: string): ViewResource => ({ attributes: { 'service.name': service, region: 'eu' }, droppedAttributesCount: 0, schemaUrl: '', service });
const SCOPE = { name: 's', version: '', attributes: {}, droppedAttributesCount: 0, schemaUrl: '' };

let counter = 0;
/** A span of trace `trace` (a small number made into an id). */
export function span(trace: number, overrides: Partial<ViewSpan> = {}): ViewSpan {
  counter++;
  return {
    traceId: trace.toString(16).padStart(32, '0'),
    spanId: counter.toString(16).padStart(16, '0'),
    parentSpanId: '',
    traceState: '',
    flags: 1,
    name: `op ${counter}`,
    kind: 1,
    start: 1000,
    end: 1010,
    startTimeUnixNano: '1000000000',
    endTimeUnixNano: '1010000000',
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
    resource: resource('svc'),
    scope: SCOPE,
    ...overrides,
  };
}

/** The trace id of trace number `id`. */
export function traceIdOf(id: number): string {
  return id.toString(16).padStart(32, '0');
}
