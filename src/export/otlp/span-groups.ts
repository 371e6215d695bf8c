import type { ReadableSpan } from '../../sdk/sdk-types';

type Resource = ReadableSpan['resource'];
type Scope = ReadableSpan['instrumentationScope'];

/** Spans of one instrumentation scope. */
export interface ScopeGroup {
  scope: Scope;
  spans: ReadableSpan[];
}

/** Spans of one resource, by instrumentation scope. */
export interface ResourceGroup {
  resource: Resource;
  scopes: ScopeGroup[];
}

/**
 * Groups a batch the way an ExportTraceServiceRequest nests it: by resource (the same object, as
 * the SDK shares one per provider), then by instrumentation scope (name, version and schema URL).
 * Order of first appearance is kept.
 */
export function groupSpans(spans: readonly ReadableSpan[]): ResourceGroup[] {
  const groups: ResourceGroup[] = [];
  const byResource = new Map<Resource, { group: ResourceGroup; byScope: Map<string, ScopeGroup> }>();
  for (const span of spans) {
    let entry = byResource.get(span.resource);
    if (entry === undefined) {
      entry = { group: { resource: span.resource, scopes: [] }, byScope: new Map() };
      byResource.set(span.resource, entry);
      groups.push(entry.group);
    }
    const scope = span.instrumentationScope;
    const key = `${scope.name}\n${scope.version ?? ''}\n${scope.schemaUrl ?? ''}`;
    let scopeGroup = entry.byScope.get(key);
    if (scopeGroup === undefined) {
      scopeGroup = { scope, spans: [] };
      entry.byScope.set(key, scopeGroup);
      entry.group.scopes.push(scopeGroup);
    }
    scopeGroup.spans.push(span);
  }
  return groups;
}
