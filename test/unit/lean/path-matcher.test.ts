import { describe, expect, it } from 'vitest';
import { createPathMatcher } from '../../../src/instrumentation/path-matcher';

describe('createPathMatcher', () => {
  it('matches exact paths with or without a trailing slash, ignoring the query', () => {
    const matches = createPathMatcher(['/health', '/metrics/']);
    expect(matches('/health')).toBe(true);
    expect(matches('/health/')).toBe(true);
    expect(matches('/health?verbose=1')).toBe(true);
    expect(matches('/metrics')).toBe(true);
    expect(matches('/healthz')).toBe(false);
    expect(matches('/')).toBe(false);
    expect(matches(undefined)).toBe(false);
  });

  it('tests regular expressions against the path only', () => {
    const matches = createPathMatcher([/^\/internal\//, '/ready']);
    expect(matches('/internal/x?y=1')).toBe(true);
    expect(matches('/ready')).toBe(true);
    expect(matches('/public?next=/internal/')).toBe(false);
  });

  it('matches nothing without patterns', () => {
    expect(createPathMatcher([])('/health')).toBe(false);
  });
});
