import { randomBytes } from 'node:crypto';
import { SpanKind, type Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve';
import { invalidSamplingRuleWarning, samplingRulesNotJsonWarning } from '../../../src/config/sampling-config';
import { compileGlob } from '../../../src/sampling/rules/glob';
import { RuleSampler } from '../../../src/sampling/rules/rule-sampler';
import type { SamplingRule } from '../../../src/sampling/rules/sampling-rule';
import { AlwaysOffSampler, AlwaysOnSampler } from '../../../src/sdk/samplers/always';
import { Decision } from '../../../src/sdk/samplers/sampling-decision';

const SERVER = SpanKind.SERVER;
const randomId = () => randomBytes(16).toString('hex');
const keeps = (sampler: RuleSampler, name: string, kind: SpanKind, attributes?: Attributes, traceId = randomId()) =>
  sampler.decide(undefined, traceId, name, kind, attributes) === Decision.RECORD_AND_SAMPLED;

describe('glob patterns', () => {
  it.each([
    ['/static/*', '/static/app.js', true],
    ['/static/*', '/static', false],
    ['*.png', '/img/a.png', true],
    ['/api/*/orders', '/api/v2/orders', true],
    ['/api/*/orders', '/api/v2/orders/1', false],
    ['/a?c', '/abc', true],
    ['/a?c', '/ac', false],
    ['/exact', '/exact', true],
    ['/exact', '/exact/', false],
    ['/a.b(c)', '/a.b(c)', true],
    ['/a.b', '/axb', false],
    ['*', '', true],
    ['GET /checkout*', 'GET /checkout/pay', true],
  ])('%s against %s is %s', (pattern, value, expected) => {
    expect(compileGlob(pattern)(value)).toBe(expected);
  });
});

describe('RuleSampler', () => {
  const rules: SamplingRule[] = [
    { path: '/health*', drop: true },
    { route: '/checkout/:id', sampleRate: 1 },
    { method: 'post', kind: 'server', attributes: { tenant: 'acme*' }, sampleRate: 1 },
    { name: 'cron *', kind: 'internal', maxPerSecond: 0 },
    { name: 'GET /users/*', sampleRate: 0.5 },
  ];
  const sampler = new RuleSampler(rules, new AlwaysOffSampler());

  it('first match wins, each condition counts, and the fallback takes the rest', () => {
    expect(keeps(sampler, 'GET', SERVER, { 'url.path': '/healthz', 'http.route': '/checkout/:id' })).toBe(false);
    expect(keeps(sampler, 'GET', SERVER, { 'url.path': '/checkout/1', 'http.route': '/checkout/:id' })).toBe(true);
    expect(keeps(sampler, 'POST', SERVER, { 'http.request.method': 'POST', tenant: 'acme-eu' })).toBe(true);
    expect(keeps(sampler, 'post', SERVER, { 'http.request.method': 'post', tenant: 'acme-eu' })).toBe(true);
    // Same attributes, wrong kind or tenant: no rule, and the fallback keeps nothing.
    expect(keeps(sampler, 'POST', SpanKind.CLIENT, { 'http.request.method': 'POST', tenant: 'acme-eu' })).toBe(false);
    expect(keeps(sampler, 'POST', SERVER, { 'http.request.method': 'POST', tenant: 'other' })).toBe(false);
    expect(keeps(sampler, 'cron nightly', SpanKind.INTERNAL)).toBe(false);
    expect(keeps(sampler, 'anything', SERVER)).toBe(false);
    expect(new RuleSampler(rules, new AlwaysOnSampler()).decide(undefined, randomId(), 'anything', SERVER, undefined)).toBe(Decision.RECORD_AND_SAMPLED);
  });

  it('compares non-string attributes as text', () => {
    const byStatus = new RuleSampler([{ attributes: { retries: '3', beta: 'true' }, sampleRate: 1 }], new AlwaysOffSampler());
    expect(keeps(byStatus, 'x', SERVER, { retries: 3, beta: true })).toBe(true);
    expect(keeps(byStatus, 'x', SERVER, { retries: 2, beta: true })).toBe(false);
    expect(keeps(byStatus, 'x', SERVER, { retries: 3 })).toBe(false);
  });

  it('a ratio rule keeps about its share, deciding from the trace id', () => {
    const traceIds = Array.from({ length: 4000 }, randomId);
    const kept = traceIds.filter((traceId) => keeps(sampler, 'GET /users/7', SERVER, undefined, traceId));
    // Binomial(4000, 0.5): standard deviation ~31.6; 5 of them is 158.
    expect(Math.abs(kept.length - 2000)).toBeLessThanOrEqual(158);
    expect(traceIds.filter((traceId) => keeps(sampler, 'GET /users/7', SERVER, undefined, traceId))).toEqual(kept);
  });

  it('a rate-limited rule keeps at most its rate, on a fake clock', () => {
    let now = 0;
    const limited = new RuleSampler([{ name: 'batch', maxPerSecond: 2 }], new AlwaysOnSampler(), () => now);
    let kept = 0;
    for (let step = 0; step < 1000; step++) {
      if (keeps(limited, 'batch', SpanKind.INTERNAL)) kept++;
      now += 10;
    }
    // 10 s: the burst of 2, then 2 per second.
    expect(kept).toBe(21);
    expect(keeps(limited, 'other', SpanKind.INTERNAL)).toBe(true);
  });

  it('notes the rule that kept a span and how, or the fallback note', () => {
    const traceId = 'f'.repeat(32);
    const withFallbackNote = new RuleSampler(rules, new AlwaysOnSampler());
    expect(withFallbackNote.decide(undefined, traceId, 'GET', SERVER, { 'http.route': '/checkout/:id' })).toBe(Decision.RECORD_AND_SAMPLED);
    const note = withFallbackNote.note(undefined, traceId, 'GET', SERVER, { 'http.route': '/checkout/:id' });
    expect(note?.attributes).toEqual({ 'sampler.type': 'probabilistic', 'sampler.param': 1, 'sampling.rule': 2 });
    expect(note?.traceState?.get('ot')).toBe('th:0');
    withFallbackNote.decide(undefined, traceId, 'GET /users/1', SERVER, undefined);
    expect(withFallbackNote.note(undefined, traceId, 'GET /users/1', SERVER, undefined)?.attributes).toEqual({ 'sampler.type': 'probabilistic', 'sampler.param': 0.5, 'sampling.rule': 5 });
    withFallbackNote.decide(undefined, traceId, 'other', SERVER, undefined);
    expect(withFallbackNote.note(undefined, traceId, 'other', SERVER, undefined)).toBeUndefined();
    const limited = new RuleSampler([{ name: 'x', maxPerSecond: 5 }], new AlwaysOffSampler());
    limited.decide(undefined, traceId, 'x', SERVER, undefined);
    expect(limited.note(undefined, traceId, 'x', SERVER, undefined)).toEqual({ attributes: { 'sampler.type': 'ratelimiting', 'sampler.param': 5, 'sampling.rule': 1 } });
  });

  it('a bad rule in code throws a TypeError naming it and its position', () => {
    expect(() => new RuleSampler([{ name: 'ok', sampleRate: 1 }, { name: 'GET' }], new AlwaysOnSampler())).toThrow(
      new TypeError('sampling rule 2 {"name":"GET"} is invalid: a rule needs sampleRate, maxPerSecond or drop.'),
    );
    expect(() => resolveConfig({ samplingRules: [{ sampleRate: 2 }] })).toThrow(/"samplingRules\[0\]" must be a sampling rule \(sampleRate must be a number from 0 to 1\)/);
  });
});

describe('OTEL_BOOTSTRAP_SAMPLING_RULES', () => {
  it('parses the JSON rules in order', () => {
    const { config, warnings } = resolveConfig({ serviceName: 'svc' }, { OTEL_BOOTSTRAP_SAMPLING_RULES: '[{"route":"/checkout/:id","sampleRate":1},{"path":"/static/*","drop":true}]' });
    expect(warnings).toEqual([]);
    expect(config.sampling.rules).toEqual([{ route: '/checkout/:id', sampleRate: 1 }, { path: '/static/*', drop: true }]);
    expect(config.sampling.routes).toEqual(['/checkout/:id']);
  });

  it('a malformed rule warns once naming it and its position, and the rest still apply', () => {
    const text = '[{"name":"a","sampleRate":1},{"name":"b","sampleRate":"high"},{"kind":"weird","drop":true},{"path":"/x","drop":true,"extra":1},{"path":"/y","drop":true}]';
    const { config, warnings } = resolveConfig({ serviceName: 'svc' }, { OTEL_BOOTSTRAP_SAMPLING_RULES: text });
    expect(warnings).toEqual([
      invalidSamplingRuleWarning(2, { name: 'b', sampleRate: 'high' }, 'sampleRate must be a number from 0 to 1'),
      invalidSamplingRuleWarning(3, { kind: 'weird', drop: true }, 'kind must be one of internal, server, client, producer, consumer'),
      invalidSamplingRuleWarning(4, { path: '/x', drop: true, extra: 1 }, 'unknown field "extra" (fields: name, route, method, path, kind, attributes, sampleRate, maxPerSecond, drop)'),
    ]);
    expect(config.sampling.rules).toEqual([{ name: 'a', sampleRate: 1 }, { path: '/y', drop: true }]);
  });

  it('text that is not a JSON array warns once and leaves the sampler alone', () => {
    const { config, warnings } = resolveConfig({ serviceName: 'svc', environment: 'production' }, { OTEL_BOOTSTRAP_SAMPLING_RULES: '{"sampleRate":1}' });
    expect(warnings).toEqual([samplingRulesNotJsonWarning('{"sampleRate":1}')]);
    expect(config.sampling.rules).toEqual([]);
    expect(config.sampler).toEqual({ name: 'parentbased_traceidratio', ratio: 0.01 });
  });

  it('code rules win over the environment', () => {
    const { config } = resolveConfig({ samplingRules: [{ name: 'x', drop: true }] }, { OTEL_BOOTSTRAP_SAMPLING_RULES: '[{"name":"y","drop":true}]' });
    expect(config.sampling.rules).toEqual([{ name: 'x', drop: true }]);
  });
});
