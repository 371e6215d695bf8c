/** `otel-bootstrap/testing`: in-memory tracing and span-tree helpers for any test runner. */
export { createTestTracing } from './create-test-tracing';
export type { TestTracing, TestTracingOptions } from './create-test-tracing';
export { buildSpanTree, toNamedTree } from './span-tree';
export type { NamedTree, SpanTreeNode } from './span-tree';
