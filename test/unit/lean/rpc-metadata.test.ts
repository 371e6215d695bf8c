import { ROOT_CONTEXT, trace, INVALID_SPAN_CONTEXT } from '@opentelemetry/api';
// Loaded here only to prove the keys are shared; the package itself does not load it on these paths.
import { getRPCMetadata, isTracingSuppressed as coreIsTracingSuppressed, RPCType, setRPCMetadata, suppressTracing as coreSuppressTracing } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { getRpcMetadata, RPC_TYPE_HTTP, setRpcMetadata } from '../../../src/context/rpc-metadata';
import { isTracingSuppressed, suppressTracing } from '../../../src/context/suppress-tracing';

const span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

describe('context keys shared with @opentelemetry/core', () => {
  it('uses the same HTTP type value', () => {
    expect(RPC_TYPE_HTTP).toBe(RPCType.HTTP);
  });

  it('lets official instrumentations read and update the RPC metadata this package sets', () => {
    const ours = setRpcMetadata(ROOT_CONTEXT, { type: RPC_TYPE_HTTP, span });
    const seen = getRPCMetadata(ours);
    expect(seen?.span).toBe(span);
    // What the official Express instrumentation does once it matched a route.
    if (seen !== undefined) seen.route = '/users/:id';
    expect(getRpcMetadata(ours)?.route).toBe('/users/:id');
  });

  it('reads RPC metadata an official instrumentation set', () => {
    const theirs = setRPCMetadata(ROOT_CONTEXT, { type: RPCType.HTTP, span, route: '/a' });
    expect(getRpcMetadata(theirs)).toEqual({ type: 'http', span, route: '/a' });
    expect(getRpcMetadata(ROOT_CONTEXT)).toBeUndefined();
  });

  it('shares the suppression key in both directions', () => {
    expect(coreIsTracingSuppressed(suppressTracing(ROOT_CONTEXT))).toBe(true);
    expect(isTracingSuppressed(coreSuppressTracing(ROOT_CONTEXT))).toBe(true);
    expect(isTracingSuppressed(ROOT_CONTEXT)).toBe(false);
  });
});
