/**
 * The trust boundary for inbound trace context. A public entry point with
 * `OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING=false` must not let a client force sampling with
 * `traceparent ...-01`, nor attach its spans to the client's trace: each server span starts a new
 * trace under the local root sampler and links to the caller's span context. An allowlisted
 * header restores today's behaviour for that request; the default (true) is unchanged.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';
import type { ReceivedSpan } from './support/otlp-decode';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService, stopService } from './support/service-process';

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const SAMPLED_PARENT = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;
const UNSAMPLED_PARENT = `00-${CALLER_TRACE}-${CALLER_SPAN}-00`;
const UNTRUSTED_REQUESTS = 200;
const SERVER = 2;

/** Upper bound at five standard deviations above the binomial mean. */
function binomialUpperBound(trials: number, probability: number): number {
  return Math.ceil(trials * probability + 5 * Math.sqrt(trials * probability * (1 - probability)));
}

/**
 * Starts the Express fixture, sends each request (headers per request) in turn, then stops it
 * with SIGTERM (which flushes) and returns the server spans it exported.
 */
async function serverSpansFor(receiver: OtlpReceiver, serviceName: string, env: Record<string, string>, requests: Array<Record<string, string>>): Promise<ReceivedSpan[]> {
  const service = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'express-app.cjs')], {
    OTEL_SERVICE_NAME: serviceName,
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_BSP_MAX_QUEUE_SIZE: String(requests.length + 1),
    ...env,
  });
  try {
    for (const [index, headers] of requests.entries()) {
      const response = await fetch(`${service.baseUrl}/users/${index}`, { headers });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    service.kill('SIGTERM');
    const { signal } = await service.exited;
    expect(signal, service.stderr()).toBe('SIGTERM');
    return receiver.spans.filter((span) => span.kind === SERVER && span.resource['service.name'] === serviceName);
  } finally {
    await stopService(service);
  }
}

const isLinkedNewRoot = (span: ReceivedSpan): boolean =>
  span.traceId !== CALLER_TRACE &&
  span.parentSpanId === undefined &&
  span.links.length === 1 &&
  span.links[0]?.traceId === CALLER_TRACE &&
  span.links[0]?.spanId === CALLER_SPAN;

const continuesCaller = (span: ReceivedSpan): boolean => span.traceId === CALLER_TRACE && span.parentSpanId === CALLER_SPAN && span.links.length === 0;

describe('trust boundary for inbound trace context', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    assertBuilt();
    receiver = await startOtlpReceiver();
  });
  afterAll(async () => receiver.close());

  it(`untrusted: ${UNTRUSTED_REQUESTS} requests with sampled=1 under production's 1% sample at the local ratio, each a new trace linked to the caller`, async () => {
    const requests = Array.from({ length: UNTRUSTED_REQUESTS }, () => ({ traceparent: SAMPLED_PARENT }));
    const spans = await serverSpansFor(receiver, 'untrusted-production', { NODE_ENV: 'production', OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING: 'false' }, requests);
    expect(spans.length).toBeLessThanOrEqual(binomialUpperBound(UNTRUSTED_REQUESTS, 0.01));
    expect(spans.every(isLinkedNewRoot)).toBe(true);
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(spans.length);
  });

  it('untrusted under an always-on root: every span is exported as a new root linked to the caller, whatever the sampled flag', async () => {
    const requests = [...Array.from({ length: 5 }, () => ({ traceparent: SAMPLED_PARENT })), ...Array.from({ length: 5 }, () => ({ traceparent: UNSAMPLED_PARENT }))];
    const spans = await serverSpansFor(receiver, 'untrusted-always-on', { NODE_ENV: 'production', OTEL_TRACES_SAMPLER_ARG: '1', OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING: 'false' }, requests);
    expect(spans).toHaveLength(10);
    expect(spans.filter(isLinkedNewRoot)).toHaveLength(10);
  });

  it('an allowlisted header (exact value) makes the request trusted: the caller trace is continued; a wrong value is not', async () => {
    const trusted = Array.from({ length: 10 }, () => ({ traceparent: SAMPLED_PARENT, 'x-debug-trace': 'let-me-in' }));
    const wrongValue = Array.from({ length: 10 }, () => ({ traceparent: SAMPLED_PARENT, 'x-debug-trace': 'guess' }));
    const nameOnly = Array.from({ length: 10 }, () => ({ traceparent: SAMPLED_PARENT, 'x-internal-caller': 'anything' }));
    const spans = await serverSpansFor(
      receiver,
      'trusted-header',
      { NODE_ENV: 'production', OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING: 'false', OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS: 'x-debug-trace=let-me-in, X-Internal-Caller' },
      [...trusted, ...wrongValue, ...nameOnly],
    );
    const route = (span: ReceivedSpan): number => Number(String(span.attributes['url.path']).split('/')[2]);
    const continued = spans.filter(continuesCaller).map(route).sort((a, b) => a - b);
    expect(continued).toEqual([...Array.from({ length: 10 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => 20 + i)]);
    const others = spans.filter((span) => !continuesCaller(span));
    expect(others.every(isLinkedNewRoot)).toBe(true);
    expect(others.every((span) => route(span) >= 10 && route(span) < 20)).toBe(true);
    expect(others.length).toBeLessThanOrEqual(binomialUpperBound(10, 0.01));
  });

  it('default (trusted): a sampled remote parent is honoured and continued, with no link', async () => {
    const requests = Array.from({ length: 10 }, () => ({ traceparent: SAMPLED_PARENT }));
    const spans = await serverSpansFor(receiver, 'trusted-default', { NODE_ENV: 'production' }, requests);
    expect(spans).toHaveLength(10);
    expect(spans.every(continuesCaller)).toBe(true);
  });

  it('baggage from an untrusted caller is kept (it decides nothing about sampling) and reaches downstream calls', async () => {
    const service = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'express-app.cjs')], {
      NODE_ENV: 'development',
      OTEL_SERVICE_NAME: 'untrusted-baggage',
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING: 'false',
    });
    try {
      const { createServer } = await import('node:http');
      const seen: Array<{ baggage: unknown; traceparent: unknown }> = [];
      const downstream = createServer((request, response) => {
        seen.push({ baggage: request.headers.baggage, traceparent: request.headers.traceparent });
        response.end('{}');
      });
      await new Promise<void>((resolve) => downstream.listen(0, '127.0.0.1', resolve));
      const port = (downstream.address() as { port: number }).port;
      const response = await fetch(`${service.baseUrl}/via-http?url=${encodeURIComponent(`http://127.0.0.1:${port}/`)}`, { headers: { traceparent: SAMPLED_PARENT, baggage: 'tenant=acme' } });
      expect(response.status).toBe(200);
      downstream.closeAllConnections();
      await new Promise<void>((resolve) => downstream.close(() => resolve()));
      expect(seen).toHaveLength(1);
      expect(seen[0]?.baggage).toBe('tenant=acme');
      expect(seen[0]?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(String(seen[0]?.traceparent).split('-')[1]).not.toBe(CALLER_TRACE);
    } finally {
      await stopService(service);
    }
  });
});
