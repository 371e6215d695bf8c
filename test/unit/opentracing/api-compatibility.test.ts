/**
 * The `opentracing` package's own API compatibility checks, run against the bridge. They are
 * written for mocha's globals; vitest's `describe`, `it` and `beforeEach` are handed to them.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import apiCompatibilityChecks from 'opentracing/lib/test/api_compatibility';
import { createOpenTracingTracer } from '../../../src/opentracing';
import { createTestTracing } from '../../../src/testing';

const globals = globalThis as Record<string, unknown>;
const saved = { describe: globals.describe, it: globals.it, beforeEach: globals.beforeEach };
Object.assign(globals, { describe, it, beforeEach });

const tracing = createTestTracing();
let created = 0;
apiCompatibilityChecks(() => {
  created += 1;
  return createOpenTracingTracer();
});

describe('the compatibility checks ran against the bridge', () => {
  it('built a bridge tracer for each check and recorded real spans', () => {
    // Nine checks, none skipped: each starts from a fresh tracer.
    expect(created).toBe(9);
    expect(tracing.spansNamed('test-span').length).toBeGreaterThan(0);
  });
});

afterAll(async () => {
  // The checks' suites are collected after this module ran, so the globals stay until the end.
  Object.assign(globals, saved);
  await tracing.shutdown();
});
