/**
 * The compact form in which spans travel to the web page (over the API and inside a `view` file):
 * each resource and scope once, spans pointing at them by index.
 */
import type { ViewResource, ViewScope, ViewSpan } from '../trace-model';

/** A span without its resource and scope, which are given by index instead. */
export type PackedSpan = Omit<ViewSpan, 'resource' | 'scope'> & { r: number; s: number };

/** Spans with their resources and scopes listed once. */
export interface PackedSpans {
  resources: ViewResource[];
  scopes: ViewScope[];
  spans: PackedSpan[];
}

/** Packs spans; spans sharing a resource or scope object share its index. */
export function packSpans(spans: readonly ViewSpan[]): PackedSpans {
  const resources = new Map<ViewResource, number>();
  const scopes = new Map<ViewScope, number>();
  const packed: PackedSpan[] = [];
  for (const span of spans) {
    let r = resources.get(span.resource);
    if (r === undefined) resources.set(span.resource, (r = resources.size));
    let s = scopes.get(span.scope);
    if (s === undefined) scopes.set(span.scope, (s = scopes.size));
    const { resource: _resource, scope: _scope, ...rest } = span;
    packed.push({ ...rest, r, s });
  }
  return { resources: [...resources.keys()], scopes: [...scopes.keys()], spans: packed };
}

/** Rebuilds the spans of {@link packSpans}. */
export function unpackSpans(packed: PackedSpans): ViewSpan[] {
  return packed.spans.map(({ r, s, ...rest }) => {
    const resource = packed.resources[r];
    const scope = packed.scopes[s];
    if (resource === undefined || scope === undefined) throw new Error('packed span points at a missing resource or scope');
    return { ...rest, resource, scope };
  });
}
