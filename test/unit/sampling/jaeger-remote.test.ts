import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { diag, DiagLogLevel, SpanKind } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  JaegerRemoteSampler,
  remoteSamplingFailedWarning,
  remoteSamplingRecoveredMessage,
} from '../../../src/sampling/jaeger-remote/jaeger-remote-sampler';
import { GuaranteedThroughputSampler } from '../../../src/sampling/jaeger-remote/guaranteed-throughput';
import { PerOperationSampler } from '../../../src/sampling/jaeger-remote/per-operation-sampler';
import { parseStrategy } from '../../../src/sampling/jaeger-remote/strategy';
import { AlwaysOffSampler } from '../../../src/sdk/samplers/always';
import { Decision } from '../../../src/sdk/samplers/sampling-decision';

const randomId = () => randomBytes(16).toString('hex');
const keep = (sampler: { decide: JaegerRemoteSampler['decide'] }, operation = 'op', traceId = randomId()) =>
  sampler.decide(undefined, traceId, operation, SpanKind.SERVER, undefined) === Decision.RECORD_AND_SAMPLED;

describe('parseStrategy', () => {
  it('reads string and numeric strategy types, and a missing type as probabilistic', () => {
    expect(parseStrategy('{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.3}}')).toEqual({ type: 'probabilistic', samplingRate: 0.3 });
    expect(parseStrategy('{"strategyType":0,"probabilisticSampling":{"samplingRate":0.3}}')).toEqual({ type: 'probabilistic', samplingRate: 0.3 });
    expect(parseStrategy('{"probabilisticSampling":{"samplingRate":0.3}}')).toEqual({ type: 'probabilistic', samplingRate: 0.3 });
    // proto3 JSON leaves out a zero rate.
    expect(parseStrategy('{"probabilisticSampling":{}}')).toEqual({ type: 'probabilistic', samplingRate: 0 });
    expect(parseStrategy('{"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":7}}')).toEqual({ type: 'ratelimiting', maxTracesPerSecond: 7 });
    expect(parseStrategy('{"strategyType":1,"rateLimitingSampling":{"maxTracesPerSecond":7}}')).toEqual({ type: 'ratelimiting', maxTracesPerSecond: 7 });
  });

  it('prefers per-operation sampling with its lower bound (Jaeger v2 answers this shape)', () => {
    const body = JSON.stringify({
      strategyType: 0,
      probabilisticSampling: { samplingRate: 0.5 },
      operationSampling: { defaultSamplingProbability: 0.5, defaultLowerBoundTracesPerSecond: 2, perOperationStrategies: [{ operation: 'op-x', probabilisticSampling: { samplingRate: 0.2 } }], defaultUpperBoundTracesPerSecond: 0 },
    });
    expect(parseStrategy(body)).toEqual({ type: 'peroperation', defaultSamplingRate: 0.5, defaultLowerBoundTracesPerSecond: 2, operations: new Map([['op-x', 0.2]]) });
  });

  it.each([
    ['not JSON', '<html>', 'the answer is not JSON'],
    ['an array', '[]', 'the answer is not a JSON object'],
    ['an unknown type', '{"strategyType":"FANCY"}', 'strategyType "FANCY" is not PROBABILISTIC (0) or RATE_LIMITING (1)'],
    ['a rate above 1', '{"probabilisticSampling":{"samplingRate":3}}', 'probabilisticSampling.samplingRate is missing or not a number from 0 to 1'],
    ['no rate at all', '{"strategyType":0}', 'probabilisticSampling.samplingRate is missing or not a number from 0 to 1'],
    ['a negative limit', '{"strategyType":1,"rateLimitingSampling":{"maxTracesPerSecond":-1}}', 'rateLimitingSampling.maxTracesPerSecond is missing or negative'],
    ['an operation without a name', '{"operationSampling":{"perOperationStrategies":[{"probabilisticSampling":{"samplingRate":1}}]}}', 'an entry of perOperationStrategies has no operation name'],
  ])('rejects %s', (_label, body, message) => {
    expect(() => parseStrategy(body)).toThrow(message);
  });
});

describe('guaranteed throughput per operation', () => {
  it('keeps by probability, else by the lower bound, and says which', () => {
    let now = 0;
    const sampler = new GuaranteedThroughputSampler(0, 2, () => now);
    const kept = Array.from({ length: 100 }, () => keep(sampler)).filter(Boolean).length;
    // Probability 0: only the lower-bound burst of max(1, 2) = 2.
    expect(kept).toBe(2);
    now += 1000;
    expect(Array.from({ length: 100 }, () => keep(sampler)).filter(Boolean).length).toBe(2);
    expect(sampler.note(undefined).attributes).toEqual({ 'sampler.type': 'lowerbound', 'sampler.param': 2 });
    const always = new GuaranteedThroughputSampler(1, 2, () => now);
    expect(keep(always)).toBe(true);
    expect(always.note(undefined).attributes).toEqual({ 'sampler.type': 'probabilistic', 'sampler.param': 1 });
    expect(always.note(undefined).traceState?.get('ot')).toBe('th:0');
  });

  it('gives each operation its own lower bound, named or not, and keeps balances across updates', () => {
    let now = 0;
    const sampler = new PerOperationSampler(0, 1, new Map([['known', 0]]), () => now);
    for (const operation of ['known', 'new-a', 'new-b']) {
      expect(keep(sampler, operation), operation).toBe(true);
      expect(keep(sampler, operation), operation).toBe(false);
    }
    sampler.update(0, 1, new Map([['known', 1]]));
    expect(keep(sampler, 'known')).toBe(true);
    // new-a's bucket was spent and stays spent across the update.
    expect(keep(sampler, 'new-a')).toBe(false);
    now += 1000;
    expect(keep(sampler, 'new-a')).toBe(true);
  });
});

describe('JaegerRemoteSampler against a local strategy server', () => {
  let server: Server;
  let url: string;
  let handle: (request: IncomingMessage, response: ServerResponse) => void;
  const requests: string[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  let sampler: JaegerRemoteSampler | undefined;

  beforeEach(async () => {
    requests.length = 0;
    warnings.length = 0;
    infos.length = 0;
    diag.setLogger({ error: () => undefined, warn: (message) => warnings.push(message), info: (message) => infos.push(message), debug: () => undefined, verbose: () => undefined }, DiagLogLevel.INFO);
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      handle(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sampling`;
  });

  afterEach(async () => {
    sampler?.shutdown();
    sampler = undefined;
    diag.disable();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const answer = (body: string) => (handle = (_request, response) => response.end(body));
  const until = async (condition: () => boolean, what: string) => {
    for (let attempt = 0; attempt < 400 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!condition()) throw new Error(`timed out waiting for ${what}`);
  };

  it('asks once at start for its service, not after the first interval, and decides with the answer', async () => {
    answer('{"strategyType":1,"rateLimitingSampling":{"maxTracesPerSecond":3}}');
    sampler = new JaegerRemoteSampler({ serviceName: 'orders api', endpoint: url, pollingIntervalMs: 60_000, initialSampler: new AlwaysOffSampler() });
    expect(keep(sampler)).toBe(false);
    sampler.start();
    await until(() => sampler?.updates === 1, 'the first strategy');
    expect(requests).toEqual(['/sampling?service=orders+api']);
    expect(sampler.toString()).toBe('JaegerRemoteSampler{ratelimiting 3/s}');
    expect(Array.from({ length: 50 }, () => keep(sampler as JaegerRemoteSampler)).filter(Boolean).length).toBe(3);
  });

  it('polls every interval and follows a changed strategy', async () => {
    answer('{"probabilisticSampling":{"samplingRate":0}}');
    sampler = new JaegerRemoteSampler({ serviceName: 'svc', endpoint: url, pollingIntervalMs: 100 }).start();
    await until(() => sampler?.updates === 1, 'the first strategy');
    expect(keep(sampler)).toBe(false);
    answer('{"probabilisticSampling":{"samplingRate":1}}');
    await until(() => sampler?.toString() === 'JaegerRemoteSampler{probabilistic 1}', 'the changed strategy');
    expect(keep(sampler)).toBe(true);
    expect(requests.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the last good strategy through errors, garbage and a hanging server, with one warning, then reports recovery', async () => {
    answer('{"probabilisticSampling":{"samplingRate":1}}');
    sampler = new JaegerRemoteSampler({ serviceName: 'svc', endpoint: url, pollingIntervalMs: 100, requestTimeoutMs: 150, initialSampler: new AlwaysOffSampler() }).start();
    await until(() => sampler?.updates === 1, 'the first strategy');
    const failures = [
      (_request: IncomingMessage, response: ServerResponse) => response.writeHead(500).end('down'),
      (_request: IncomingMessage, response: ServerResponse) => response.end('<html>not json'),
      // Never answers: the request must give up at its timeout.
      () => undefined,
      (_request: IncomingMessage, response: ServerResponse) => response.end('{"strategyType":"FANCY"}'),
    ];
    for (const failure of failures) {
      const before = requests.length;
      handle = failure;
      await until(() => requests.length >= before + 2, 'two more polls');
      expect(keep(sampler)).toBe(true);
    }
    expect(sampler.updates).toBe(1);
    expect(warnings).toEqual([remoteSamplingFailedWarning(`${url}?service=svc`, 'HTTP status 500', 'the last strategy (probabilistic 1)', 100)]);
    answer('{"probabilisticSampling":{"samplingRate":0}}');
    await until(() => sampler?.updates === 2, 'recovery');
    expect(keep(sampler)).toBe(false);
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatch(/^otel-bootstrap: Jaeger remote sampling: strategy from .* again after \d+ failed polls; now probabilistic 0\.$/);
    expect(remoteSamplingRecoveredMessage('u', 1, 's')).toBe('otel-bootstrap: Jaeger remote sampling: strategy from u again after 1 failed poll; now s.');
  });

  it('uses the initial sampler while the endpoint is down from the start', async () => {
    handle = (_request, response) => response.writeHead(503).end();
    sampler = new JaegerRemoteSampler({ serviceName: 'svc', endpoint: url, pollingIntervalMs: 100, initialSampler: new AlwaysOffSampler() }).start();
    await until(() => requests.length >= 2, 'two polls');
    expect(sampler.strategy).toBeUndefined();
    expect(keep(sampler)).toBe(false);
    expect(warnings).toEqual([remoteSamplingFailedWarning(`${url}?service=svc`, 'HTTP status 503', 'the initial AlwaysOffSampler', 100)]);
  });

  it('refuses an answer larger than 1 MiB', async () => {
    answer(`{"pad":"${'x'.repeat(1024 * 1024 + 10)}"}`);
    sampler = new JaegerRemoteSampler({ serviceName: 'svc', endpoint: url, pollingIntervalMs: 60_000 }).start();
    await until(() => warnings.length === 1, 'the warning');
    expect(warnings[0]).toContain('the answer is larger than 1048576 bytes');
  });

  it('never keeps the process alive and stops polling at shutdown', async () => {
    answer('{"probabilisticSampling":{"samplingRate":1}}');
    sampler = new JaegerRemoteSampler({ serviceName: 'svc', endpoint: url, pollingIntervalMs: 50 }).start();
    await until(() => sampler?.updates === 1, 'the first strategy');
    const handles = (process as unknown as { _getActiveHandles(): Array<{ hasRef?: () => boolean; constructor: { name: string } }> })._getActiveHandles();
    expect(handles.filter((h) => h.constructor.name === 'Timeout' && h.hasRef?.() === true && (h as unknown as { _idleTimeout: number })._idleTimeout === 50)).toEqual([]);
    sampler.shutdown();
    const polls = requests.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests.length).toBe(polls);
  });
});
