import { defaultTextMapGetter, defaultTextMapSetter, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { suppressTracing } from '../../../src/context/suppress-tracing';
import { createPropagator } from '../../../src/propagation/create-propagator';
import { setBaggage } from '../../../src/propagation/baggage';
import { BaggagePropagator } from '../../../src/propagation/w3c/baggage-propagator';
import { serializeBaggage } from '../../../src/propagation/w3c/baggage-header';
import { TraceContextPropagator } from '../../../src/propagation/w3c/trace-context-propagator';
import { parseTraceParent } from '../../../src/propagation/w3c/trace-parent';
import { W3CTraceState } from '../../../src/propagation/w3c/trace-state';

const TRACE_ID = '12345678901234567890123456789012';
const SPAN_ID = '1234567890123456';
const VALID = `00-${TRACE_ID}-${SPAN_ID}-01`;

function extractTrace(carrier: Record<string, string | string[]>): Context {
  return new TraceContextPropagator().extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
}

describe('traceparent (cases of the W3C Trace Context test suite)', () => {
  it.each([
    ['version 00', VALID, true],
    ['future version cc', `cc-${TRACE_ID}-${SPAN_ID}-01`, true],
    ['future version cc with more fields', `cc-${TRACE_ID}-${SPAN_ID}-01-what-the-future-will-be-like`, true],
    ['future version cc with a bad separator', `cc-${TRACE_ID}-${SPAN_ID}-01.what-the-future-will-be-like`, false],
    ['version 00 with trailing characters', `${VALID}.`, false],
    ['version 00 with more fields', `${VALID}-what-the-future-will-be-like`, false],
    ['version ff', `ff-${TRACE_ID}-${SPAN_ID}-01`, false],
    ['version with illegal characters', `.0-${TRACE_ID}-${SPAN_ID}-01`, false],
    ['version too long', `000-${TRACE_ID}-${SPAN_ID}-01`, false],
    ['version too short', `0-${TRACE_ID}-${SPAN_ID}-01`, false],
    ['upper-case version', `0A-${TRACE_ID}-${SPAN_ID}-01`, false],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`, false],
    ['trace id with illegal characters', `00-.${TRACE_ID.slice(1)}-${SPAN_ID}-01`, false],
    ['upper-case trace id', `00-${'A'.repeat(32)}-${SPAN_ID}-01`, false],
    ['trace id too long', `00-${TRACE_ID}3-${SPAN_ID}-01`, false],
    ['trace id too short', `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`, false],
    ['all-zero parent id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`, false],
    ['parent id too long', `00-${TRACE_ID}-${SPAN_ID}7-01`, false],
    ['parent id too short', `00-${TRACE_ID}-${SPAN_ID.slice(1)}-01`, false],
    ['flags with illegal characters', `00-${TRACE_ID}-${SPAN_ID}-.0`, false],
    ['flags too long', `00-${TRACE_ID}-${SPAN_ID}-001`, false],
    ['flags too short', `00-${TRACE_ID}-${SPAN_ID}-1`, false],
    ['leading and trailing white space', `\t ${VALID} \t`, true],
  ])('%s', (_name, header, valid) => {
    const spanContext = trace.getSpanContext(extractTrace({ traceparent: header }));
    if (valid) expect(spanContext).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, isRemote: true });
    else expect(spanContext).toBeUndefined();
  });

  it('keeps the whole flags byte', () => {
    expect(parseTraceParent(`00-${TRACE_ID}-${SPAN_ID}-ff`)?.traceFlags).toBe(255);
  });
});

describe('tracestate (cases of the W3C Trace Context test suite)', () => {
  const stateOf = (tracestate: string | string[]): string | undefined =>
    trace.getSpanContext(extractTrace({ traceparent: VALID, tracestate }))?.traceState?.serialize();

  it('combines several headers in order, skipping empty ones and optional white space', () => {
    expect(stateOf(['foo=1,bar=2', 'rojo=1,congo=2', 'baz=3'])).toBe('foo=1,bar=2,rojo=1,congo=2,baz=3');
    expect(stateOf(['foo=1', ''])).toBe('foo=1');
    expect(stateOf(['', 'foo=1'])).toBe('foo=1');
    expect(stateOf('foo=1 \t , \t bar=2, \t baz=3')).toBe('foo=1,bar=2,baz=3');
    expect(stateOf('')).toBeUndefined();
  });

  it('accepts every allowed key and value character and the length limits', () => {
    const key = 'abcdefghijklmnopqrstuvwxyz0123456789_-*/';
    const value = Array.from({ length: 0x7e - 0x20 + 1 }, (_, index) => String.fromCharCode(0x20 + index)).filter((char) => char !== ',' && char !== '=').join('');
    expect(stateOf(`${key}=${value}`)).toBe(`${key}=${value}`);
    expect(stateOf(`${key}@a-z0-9_-*/=${value}`)).toBe(`${key}@a-z0-9_-*/=${value}`);
    expect(stateOf(['foo=1', `${'z'.repeat(256)}=1`])).toContain('foo=1');
    expect(stateOf(['foo=1', `${'t'.repeat(241)}@${'v'.repeat(14)}=1`])).toContain('foo=1');
  });

  it.each([
    ['a key with white space', 'foo =1'],
    ['an upper-case key', 'FOO=1'],
    ['a key with a dot', 'foo.bar=1'],
    ['a key starting with @', '@foo=1,bar=2'],
    ['a 257-character key', ['foo=1', `${'z'.repeat(257)}=1`]],
    ['an = in the value', 'foo=bar=baz'],
    ['an empty value', 'foo=,bar=3'],
    ['33 members', Array.from({ length: 33 }, (_, index) => `bar${index}=${index}`).join(',')],
  ])('drops the whole tracestate for %s and keeps the traceparent', (_name, tracestate) => {
    const spanContext = trace.getSpanContext(extractTrace({ traceparent: VALID, tracestate }));
    expect(spanContext?.traceId).toBe(TRACE_ID);
    expect(spanContext?.traceState).toBeUndefined();
  });

  it('keeps 32 members', () => {
    const members = Array.from({ length: 32 }, (_, index) => `bar${index}=${index}`).join(',');
    expect(stateOf(members)).toBe(members);
  });

  it('does not read tracestate without a valid traceparent', () => {
    expect(trace.getSpanContext(extractTrace({ tracestate: 'foo=1' }))).toBeUndefined();
  });
});

describe('W3CTraceState', () => {
  const state = W3CTraceState.parse('a=1,b=2,c=3') as W3CTraceState;

  it('gets, sets (moving the key to the front), unsets and stays immutable', () => {
    expect(state.get('b')).toBe('2');
    expect(state.set('c', '9').serialize()).toBe('c=9,a=1,b=2');
    expect(state.set('d', '4').serialize()).toBe('d=4,a=1,b=2,c=3');
    expect(state.unset('a').serialize()).toBe('b=2,c=3');
    expect(state.unset('missing')).toBe(state);
    expect(state.serialize()).toBe('a=1,b=2,c=3');
  });

  it('ignores invalid keys and values', () => {
    expect(state.set('UPPER', '1')).toBe(state);
    expect(state.set('ok', 'a,b')).toBe(state);
    expect(state.set('ok', '')).toBe(state);
  });

  it('drops the right-most member when a new key would make 33', () => {
    let full = W3CTraceState.empty();
    for (let index = 0; index < 32; index += 1) full = full.set(`k${index}`, `${index}`);
    const more = full.set('new', 'x');
    expect(more.size).toBe(32);
    expect(more.get('new')).toBe('x');
    expect(more.get('k0')).toBeUndefined();
    expect(more.get('k31')).toBe('31');
  });
});

describe('trace context inject', () => {
  const propagator = new TraceContextPropagator();
  const remote = extractTrace({ traceparent: VALID, tracestate: 'foo=1' });

  it('writes traceparent and tracestate for a valid span context', () => {
    const carrier: Record<string, string> = {};
    propagator.inject(remote, carrier, defaultTextMapSetter);
    expect(carrier).toEqual({ traceparent: VALID, tracestate: 'foo=1' });
  });

  it('writes nothing for an invalid span context or while tracing is suppressed', () => {
    const invalid = trace.setSpanContext(ROOT_CONTEXT, { traceId: '0'.repeat(32), spanId: SPAN_ID, traceFlags: 1 });
    for (const context of [invalid, suppressTracing(remote), ROOT_CONTEXT]) {
      const carrier: Record<string, string> = {};
      propagator.inject(context, carrier, defaultTextMapSetter);
      expect(carrier).toEqual({});
    }
  });

  it('writes lower-case ids for an upper-case span context', () => {
    const upper = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID.replace(/1/g, 'A'), spanId: SPAN_ID, traceFlags: 0 });
    const carrier: Record<string, string> = {};
    propagator.inject(upper, carrier, defaultTextMapSetter);
    expect(carrier.traceparent).toBe(`00-${TRACE_ID.replace(/1/g, 'a')}-${SPAN_ID}-00`);
  });
});

describe('baggage (W3C Baggage)', () => {
  const baggage = new BaggagePropagator();
  const entriesOf = (header: string | string[]): Array<[string, string, string | undefined]> =>
    (propagation.getBaggage(baggage.extract(ROOT_CONTEXT, { baggage: header }, defaultTextMapGetter))?.getAllEntries() ?? []).map(([key, entry]) => [
      key,
      entry.value,
      entry.metadata?.toString(),
    ]);

  it('reads the spec examples: white space, properties, several headers, percent-encoding', () => {
    expect(entriesOf('key1=value1;property1;property2, key2 = value2, key3=value3; propertyKey=propertyValue')).toEqual([
      ['key1', 'value1', 'property1;property2'],
      ['key2', 'value2', undefined],
      ['key3', 'value3', 'propertyKey=propertyValue'],
    ]);
    expect(entriesOf(['userId=alice', 'serverNode=DF%2028,isProduction=false'])).toEqual([
      ['userId', 'alice', undefined],
      ['serverNode', 'DF 28', undefined],
      ['isProduction', 'false', undefined],
    ]);
    expect(entriesOf('v=a=b,e=%E2%82%AC,p=100%')).toEqual([
      ['v', 'a=b', undefined],
      ['e', '€', undefined],
      ['p', '100%', undefined],
    ]);
  });

  it('skips malformed members and keeps the rest', () => {
    expect(entriesOf('=1,k,a b=1,c="q",ok=1,d=1;,e=1;=x')).toEqual([['ok', '1', undefined]]);
  });

  it('writes values percent-encoded, keeps valid metadata, skips keys that are not tokens', () => {
    const context = setBaggage({ 'user id': 'x', plain: 'a/b:c', spaced: 'a b,c;d%', meta: { value: 'v', metadata: 'ttl=60;p' }, broken: { value: 'v', metadata: 'a,b' } }, ROOT_CONTEXT);
    const carrier: Record<string, string> = {};
    baggage.inject(context, carrier, defaultTextMapSetter);
    expect(carrier.baggage).toBe('plain=a/b:c,spaced=a%20b%2Cc%3Bd%25,meta=v;ttl=60;p,broken=v');
  });

  it('skips entries past 8192 bytes or 180 members on inject', () => {
    const big = Array.from({ length: 3 }, (_, index) => [`k${index}`, { value: 'v'.repeat(4000) }] as const);
    expect(serializeBaggage(big).split(',')).toHaveLength(2);
    const small = [['big', { value: 'v'.repeat(9000) }] as const, ['small', { value: 's' }] as const];
    expect(serializeBaggage(small)).toBe('small=s');
    const many = Array.from({ length: 200 }, (_, index) => [`k${index}`, { value: '1' }] as const);
    expect(serializeBaggage(many).split(',')).toHaveLength(180);
  });

  it('reads through the configured composite too', () => {
    const context = createPropagator(['tracecontext', 'baggage']).extract(ROOT_CONTEXT, { traceparent: VALID, baggage: 'a=1' }, defaultTextMapGetter);
    expect(propagation.getBaggage(context)?.getEntry('a')?.value).toBe('1');
    expect(trace.getSpanContext(context)?.traceId).toBe(TRACE_ID);
  });
});

describe('composite with the Jaeger propagator', () => {
  const composite = createPropagator(['tracecontext', 'jaeger']);

  it('an invalid uber-trace-id does not hide a valid traceparent', () => {
    const context = composite.extract(ROOT_CONTEXT, { traceparent: VALID, 'uber-trace-id': 'zz:zz:0:1' }, defaultTextMapGetter);
    expect(trace.getSpanContext(context)?.traceId).toBe(TRACE_ID);
    expect(trace.getSpanContext(composite.extract(ROOT_CONTEXT, { 'uber-trace-id': 'zz:zz:0:1' }, defaultTextMapGetter))).toBeUndefined();
  });

  it('upper-case Jaeger ids are lower-cased, so the traceparent sent on is valid', () => {
    const context = composite.extract(ROOT_CONTEXT, { 'uber-trace-id': `${TRACE_ID.replace(/1/g, 'A')}:ABCDEF0123456789:0:1` }, defaultTextMapGetter);
    expect(trace.getSpanContext(context)).toMatchObject({ traceId: TRACE_ID.replace(/1/g, 'a'), spanId: 'abcdef0123456789' });
  });
});
