import { ROOT_CONTEXT, createContextKey } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { offerRequestContext, takeRequestContext } from '../../../src/instrumentation/lean/request-context-handoff';

const KEY = createContextKey('handoff test');

describe('request context handoff', () => {
  it('gives the offered context to its own request, once', () => {
    const request = {};
    const context = ROOT_CONTEXT.setValue(KEY, 'first');
    offerRequestContext(request, context);
    expect(takeRequestContext(request)).toBe(context);
    expect(takeRequestContext(request)).toBeUndefined();
  });

  it('gives nothing to another request, and keeps the offer for its own', () => {
    const offered = {};
    const context = ROOT_CONTEXT.setValue(KEY, 'second');
    offerRequestContext(offered, context);
    expect(takeRequestContext({})).toBeUndefined();
    expect(takeRequestContext(undefined)).toBeUndefined();
    expect(takeRequestContext(offered)).toBe(context);
  });

  it('replaces an offer nobody took with the next one', () => {
    const abandoned = {};
    const next = {};
    offerRequestContext(abandoned, ROOT_CONTEXT.setValue(KEY, 'abandoned'));
    const context = ROOT_CONTEXT.setValue(KEY, 'next');
    offerRequestContext(next, context);
    expect(takeRequestContext(abandoned)).toBeUndefined();
    expect(takeRequestContext(next)).toBe(context);
  });
});
