import { describe, expect, it } from 'vitest';
import { createInboundHeaderScan } from '../../../src/instrumentation/lean/inbound-header-scan';
import { propagationHeaders } from '../../../src/propagation/create-propagator';

describe('createInboundHeaderScan', () => {
  const { names, prefixes } = propagationHeaders(['tracecontext', 'baggage', 'b3multi', 'jaeger']);
  const scan = createInboundHeaderScan([...names, 'x-debug-trace'], prefixes);

  it('finds a propagation, debug or prefixed header in any case, and nothing in a request without one', () => {
    expect(scan(['Host', 'example', 'Accept', '*/*', 'User-Agent', 'curl'])).toBe(false);
    expect(scan([])).toBe(false);
    for (const name of ['traceparent', 'TraceParent', 'tracestate', 'Baggage', 'X-B3-TraceId', 'x-b3-sampled', 'uber-trace-id', 'X-Debug-Trace', 'UberCtx-Tenant']) {
      expect(scan(['Host', 'example', name, 'v']), name).toBe(true);
    }
  });

  it('reads header names only, never values, and does not take a bare prefix for a header', () => {
    expect(scan(['X-Note', 'traceparent'])).toBe(false);
    expect(scan(['uberctx-', 'v'])).toBe(false);
  });

  it('knows the headers of every propagator the package builds', () => {
    expect(propagationHeaders(['tracecontext', 'baggage'])).toEqual({ names: ['traceparent', 'tracestate', 'baggage'], prefixes: [] });
    expect(propagationHeaders(['b3']).names).toEqual(['b3']);
    expect(propagationHeaders(['jaeger'])).toEqual({ names: ['uber-trace-id'], prefixes: ['uberctx-'] });
    expect(propagationHeaders(['none'])).toEqual({ names: [], prefixes: [] });
  });
});
