import { propagation, trace } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carriesTrustedHeader, createInboundParentResolver, trustedInboundParent } from '../../../src/instrumentation/lean/inbound-trust';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';
const headers = { traceparent: `00-${TRACE}-${SPAN}-01`, baggage: 'tenant=acme' };

describe('inbound trust', () => {
  beforeAll(() => propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] })));
  afterAll(() => propagation.disable());

  it('trusting: the caller span is the parent, no links', () => {
    const resolve = createInboundParentResolver({ trustRemoteSampling: true, trustedSamplingHeaders: [] });
    expect(resolve).toBe(trustedInboundParent);
    const { parent, links } = resolve(headers);
    expect(trace.getSpanContext(parent)).toMatchObject({ traceId: TRACE, spanId: SPAN, traceFlags: 1, isRemote: true });
    expect(links).toBeUndefined();
  });

  it('untrusted: no parent span, one link to the caller, baggage kept', () => {
    const { parent, links } = createInboundParentResolver({ trustRemoteSampling: false, trustedSamplingHeaders: [] })(headers);
    expect(trace.getSpanContext(parent)).toBeUndefined();
    expect(links).toHaveLength(1);
    expect(links?.[0]?.context).toMatchObject({ traceId: TRACE, spanId: SPAN });
    expect(propagation.getBaggage(parent)?.getEntry('tenant')?.value).toBe('acme');
  });

  it('untrusted without trace context: nothing to link', () => {
    const { parent, links } = createInboundParentResolver({ trustRemoteSampling: false, trustedSamplingHeaders: [] })({});
    expect(trace.getSpanContext(parent)).toBeUndefined();
    expect(links).toBeUndefined();
  });

  it('an allowlisted header restores trust; a wrong value does not', () => {
    const resolve = createInboundParentResolver({ trustRemoteSampling: false, trustedSamplingHeaders: [{ name: 'x-debug', value: 'token' }] });
    expect(trace.getSpanContext(resolve({ ...headers, 'x-debug': 'token' }).parent)?.spanId).toBe(SPAN);
    expect(trace.getSpanContext(resolve({ ...headers, 'x-debug': 'tokem' }).parent)).toBeUndefined();
    expect(trace.getSpanContext(resolve({ ...headers, 'x-debug': 'token2' }).parent)).toBeUndefined();
  });

  it('matches header presence, or an exact value (any of several)', () => {
    expect(carriesTrustedHeader({ 'x-a': '' }, { name: 'x-a' })).toBe(true);
    expect(carriesTrustedHeader({}, { name: 'x-a' })).toBe(false);
    expect(carriesTrustedHeader({ 'x-a': ['no', 'yes'] }, { name: 'x-a', value: 'yes' })).toBe(true);
    expect(carriesTrustedHeader({ 'x-a': 'YES' }, { name: 'x-a', value: 'yes' })).toBe(false);
  });
});
