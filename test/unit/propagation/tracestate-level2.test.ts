/**
 * tracestate under W3C Trace Context Level 2, rule by rule, with the recommendation's examples
 * and the requests of its test suite (test_tracestate_*).
 */
import { defaultTextMapGetter, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { TraceContextPropagator } from '../../../src/propagation/w3c/trace-context-propagator';
import { isTraceStateKey, W3CTraceState } from '../../../src/propagation/w3c/trace-state';

const TRACE_ID = '12345678901234567890123456789012';
const TRACEPARENT = `00-${TRACE_ID}-1234567890123456-00`;

/** The tracestate a request with these `tracestate` header fields is inherited with, as a key/value map. */
function inherited(...fields: string[]): Map<string, string> | undefined {
  const spanContext = trace.getSpanContext(new TraceContextPropagator().extract(ROOT_CONTEXT, { traceparent: TRACEPARENT, tracestate: fields }, defaultTextMapGetter));
  expect(spanContext?.traceId).toBe(TRACE_ID);
  const serialized = spanContext?.traceState?.serialize();
  if (serialized === undefined) return undefined;
  return new Map(serialized.split(',').map((member) => [member.slice(0, member.indexOf('=')), member.slice(member.indexOf('=') + 1)] as [string, string]));
}

describe('key grammar: ( lcalpha / DIGIT ) 0*255( keychar ), keychar adding _ - * / @', () => {
  it('the examples of the recommendation', () => {
    expect(inherited('rojo=00f067aa0ba902b7')).toEqual(new Map([['rojo', '00f067aa0ba902b7']]));
    expect(inherited('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE')).toEqual(new Map([['rojo', '00f067aa0ba902b7'], ['congo', 't61rcWkgMzE']]));
    expect(inherited('vendorname1=opaqueValue1,vendorname2=opaqueValue2')?.size).toBe(2);
  });

  it('every allowed key character, with and without a tenant', () => {
    const withoutVendor = 'abcdefghijklmnopqrstuvwxyz0123456789_-*/';
    expect(inherited(`${withoutVendor}=1`)?.get(withoutVendor)).toBe('1');
    expect(inherited(`${withoutVendor}@a-z0-9_-*/=1`)?.get(`${withoutVendor}@a-z0-9_-*/`)).toBe('1');
  });

  it('keys with @ anywhere but first are inherited, the multi-tenant form among them', () => {
    for (const key of ['foo@', 'foo@@bar', 'foo@bar@baz', 'fw529a3039@dt', '1tenant@system']) {
      const state = inherited(`${key}=1,bar=2`);
      expect(state?.get(key), key).toBe('1');
      expect(state?.get('bar'), key).toBe('2');
    }
  });

  it('keys up to 256 characters, however the @ splits them', () => {
    for (const key of ['z'.repeat(256), `${'t'.repeat(241)}@${'v'.repeat(14)}`, `${'t'.repeat(242)}@v`, `t@${'v'.repeat(15)}`]) {
      const state = inherited('foo=1', `${key}=1`);
      expect(state?.get('foo'), key).toBe('1');
      expect(state?.get(key), key).toBe('1');
    }
  });

  it.each([
    ['257 characters', 'z'.repeat(257)],
    ['a leading @', '@foo'],
    ['white space', 'foo '],
    ['upper case', 'FOO'],
    ['a dot', 'foo.bar'],
  ])('a key with %s makes the header invalid: it is discarded, the traceparent kept', (_case, key) => {
    expect(isTraceStateKey(key)).toBe(false);
    expect(inherited('foo=1', `${key}=1,bar=2`)).toBeUndefined();
  });
});

describe('duplicated keys are inherited, not discarded', () => {
  it('in one header field: foo=1,foo=1 and foo=1,foo=2', () => {
    expect(inherited('foo=1,foo=1')).toEqual(new Map([['foo', '1']]));
    expect(inherited('foo=1,foo=2')).toEqual(new Map([['foo', '1']]));
  });

  it('across header fields', () => {
    expect(inherited('foo=1', 'foo=1')).toEqual(new Map([['foo', '1']]));
    expect(inherited('foo=1', 'foo=2')).toEqual(new Map([['foo', '1']]));
  });

  it('the other members keep their order', () => {
    expect(W3CTraceState.parse('congo=2,rojo=1,congo=1,baz=3')?.serialize()).toBe('congo=2,rojo=1,baz=3');
  });
});

describe('the list is discarded only where the recommendation says', () => {
  it('32 members are inherited, 33 are not', () => {
    const fields = (count: number): string[] => {
      const members = Array.from({ length: count }, (_, index) => `bar${String(index + 1).padStart(2, '0')}=${String(index + 1).padStart(2, '0')}`);
      return [members.slice(0, 10), members.slice(10, 20), members.slice(20, 30), members.slice(30)].map((part) => part.join(','));
    };
    expect(inherited(...fields(32))?.size).toBe(32);
    expect(inherited(...fields(33))).toBeUndefined();
  });

  it('a value with = or an empty value is invalid', () => {
    expect(inherited('foo=bar=baz')).toBeUndefined();
    expect(inherited('foo=,bar=3')).toBeUndefined();
  });

  it('empty and white-space-only members are allowed; optional white space is not part of a member', () => {
    expect(inherited('foo=1 \t , \t bar=2, \t baz=3')).toEqual(new Map([['foo', '1'], ['bar', '2'], ['baz', '3']]));
    expect(inherited('\t foo=1 \t')).toEqual(new Map([['foo', '1']]));
    expect(inherited('foo=1', '', ' ')).toEqual(new Map([['foo', '1']]));
  });

  it('set keeps a key once and moves it to the front', () => {
    const state = W3CTraceState.parse('rojo=1,congo=2') as W3CTraceState;
    expect(state.set('congo', '3').serialize()).toBe('congo=3,rojo=1');
    expect(state.set('tenant@vendor', 'x').serialize()).toBe('tenant@vendor=x,rojo=1,congo=2');
  });
});
