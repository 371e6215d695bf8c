import { describe, expect, it } from 'vitest';
import { describeConfig, redactUrl, REDACTED } from '../../../src/config/describe';
import { parseKeyValueList } from '../../../src/config/key-value-list';
import { resolveConfig } from '../../../src/config/resolve';
import { createPathMatcher } from '../../../src/instrumentation/path-matcher';
import { optionsFingerprint } from '../../../src/options-fingerprint';

describe('parseKeyValueList', () => {
  it('decodes values, trims, skips malformed pairs and reports each once', () => {
    const invalid: string[] = [];
    expect(parseKeyValueList(' a = 1 ,b=x%2Cy,,novalue, =z,c=%E0%A4%A', (pair) => invalid.push(pair))).toEqual({ a: '1', b: 'x,y' });
    expect(invalid).toEqual(['novalue', '=z', 'c=%E0%A4%A']);
  });
});

describe('createPathMatcher', () => {
  const matches = createPathMatcher(['/health', '/metrics/', /^\/internal\//]);
  it.each([
    ['/health', true],
    ['/health/', true],
    ['/health?verbose=1', true],
    ['/metrics', true],
    ['/healthcheck', false],
    ['/internal/x', true],
    ['/users/internal/x', false],
    [undefined, false],
  ])('%j -> %s', (target, expected) => expect(matches(target)).toBe(expected));
  it('an empty list matches nothing', () => expect(createPathMatcher([])('/health')).toBe(false));
});

describe('redacted configuration view', () => {
  it('hides URL credentials and secret-looking query values', () => {
    expect(redactUrl('https://user:pw@collector.example:4318/v1/traces?api_key=abc&region=eu')).toBe(
      `https://${encodeURIComponent(REDACTED)}@collector.example:4318/v1/traces?api_key=${encodeURIComponent(REDACTED)}&region=eu`,
    );
    expect(redactUrl('not a url')).toBe('not a url');
  });

  it('never contains header values or the Jaeger password', () => {
    const { config } = resolveConfig(
      { serviceName: 's', exporter: ['otlp', 'jaeger'], otlp: { headers: { authorization: 'Bearer top-secret' } }, jaeger: { endpoint: 'http://u:pw@127.0.0.1:14268/api/traces', password: 'hunter2' } },
      {},
    );
    const text = JSON.stringify(describeConfig(config));
    expect(text).not.toContain('top-secret');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(':pw@');
    expect(describeConfig(config).otlp?.headers).toEqual({ authorization: REDACTED });
  });
});

describe('optionsFingerprint', () => {
  it('ignores key order and undefined values, compares behaviour objects by identity', () => {
    const exporter = { export() {}, shutdown() {} };
    class Sampler {}
    const sampler = new Sampler();
    expect(optionsFingerprint({ a: 1, b: [/x/], c: undefined, exporter })).toBe(optionsFingerprint({ exporter, b: [/x/], a: 1 }));
    expect(optionsFingerprint({ sampler })).toBe(optionsFingerprint({ sampler }));
    expect(optionsFingerprint({ sampler })).not.toBe(optionsFingerprint({ sampler: new Sampler() }));
    expect(optionsFingerprint({ b: [/x/] })).not.toBe(optionsFingerprint({ b: [/y/] }));
  });
});
