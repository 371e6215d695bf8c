import type { ReadableSpan } from '../sdk/sdk-types';

/** One span and the spans it parents, in start order. */
export interface SpanTreeNode {
  span: ReadableSpan;
  name: string;
  children: SpanTreeNode[];
}

/**
 * Arranges finished spans as trees: each span under its parent when the parent is among them,
 * otherwise as a root. Siblings and roots are in start order.
 */
export function buildSpanTree(spans: readonly ReadableSpan[]): SpanTreeNode[] {
  const nodes = new Map<string, SpanTreeNode>();
  for (const span of spans) nodes.set(span.spanContext().spanId, { span, name: span.name, children: [] });
  const roots: SpanTreeNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.span.parentSpanContext?.spanId;
    const parent = parentId === undefined ? undefined : nodes.get(parentId);
    if (parent === undefined) roots.push(node);
    else parent.children.push(node);
  }
  const byStart = (a: SpanTreeNode, b: SpanTreeNode): number =>
    a.span.startTime[0] - b.span.startTime[0] || a.span.startTime[1] - b.span.startTime[1];
  for (const node of nodes.values()) node.children.sort(byStart);
  return roots.sort(byStart);
}

/** A tree reduced to span names, handy for `expect(...).toEqual(...)`: `{ name, children }`. */
export interface NamedTree {
  name: string;
  children: NamedTree[];
}

/** Reduces {@link buildSpanTree} output to names only. */
export function toNamedTree(nodes: readonly SpanTreeNode[]): NamedTree[] {
  return nodes.map((node) => ({ name: node.name, children: toNamedTree(node.children) }));
}
