import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createDebugHeaderDetector } from '../../../src/instrumentation/lean/debug-header';
import { createRouteMatcher } from '../../../src/instrumentation/lean/route-templates';
import { createTestTracing, type TestTracing } from '../../../src/testing';
import type { TracingOptions } from '../../../src/config/options';

let tracing: TestTracing | undefined;
let server: Server | undefined;

afterEach(() => stopAll());

/** Starts test tracing with the lean HTTP instrumentation and a server answering every request. */
async function serve(options: TracingOptions): Promise<(path: string, headers?: Record<string, string>) => Promise<void>> {
  tracing = createTestTracing({ instrumentations: ['http'], httpInstrumentation: 'lean', ...options });
  const started = createServer((_request, response) => response.end('ok'));
  server = started;
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
  // Global fetch is not traced by the lean HTTP instrumentation (only undici would be).
  return async (path, headers = {}) => {
    await (await fetch(`${origin}${path}`, { headers })).text();
  };
}

const serverSpans = () => (tracing?.finishedSpans() ?? []).filter((span) => span.kind === SpanKind.SERVER);

describe('route templates before the decision', () => {
  it('matches exact templates, parameters and a trailing wildcard, the given order deciding', () => {
    const match = createRouteMatcher(['/users/:id/orders', '/users/:id', '/static/*', '/health']);
    expect(match?.('/users/42')).toBe('/users/:id');
    expect(match?.('/users/42/')).toBe('/users/:id');
    expect(match?.('/users/42/orders')).toBe('/users/:id/orders');
    expect(match?.('/users')).toBeUndefined();
    expect(match?.('/static/css/app.css')).toBe('/static/*');
    expect(match?.('/health')).toBe('/health');
    expect(match?.('/healthz')).toBeUndefined();
    expect(createRouteMatcher([])).toBeUndefined();
  });

  it('a rule on a route sees it on the server span at start, which is named after it', async () => {
    const call = await serve({ sampler: 'parentbased_always_off', samplingRules: [{ route: '/checkout/:id', sampleRate: 1 }], debugHeaders: [] });
    await call('/checkout/42');
    await call('/browse/42');
    const spans = serverSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.name).toBe('GET /checkout/:id');
    expect(spans[0]?.attributes).toMatchObject({ 'http.route': '/checkout/:id', 'url.path': '/checkout/42', 'sampler.type': 'probabilistic', 'sampler.param': 1, 'sampling.rule': 1 });
  });

  it('a rule on url.path drops matching requests while the rest follow the sampler', async () => {
    const call = await serve({ sampler: 'parentbased_always_on', samplingRules: [{ path: '/static/*', drop: true }], ignorePaths: [] });
    await call('/static/app.js');
    await call('/api/items');
    expect(serverSpans().map((span) => span.attributes['url.path'])).toEqual(['/api/items']);
  });
});

describe('forced debug traces', () => {
  it('x-debug-trace: 1 and jaeger-debug-id force and mark the trace; another value does not', async () => {
    const call = await serve({ sampler: 'parentbased_always_off' });
    await call('/a', { 'x-debug-trace': '1' });
    await call('/b', { 'jaeger-debug-id': 'ticket-123' });
    await call('/c', { 'x-debug-trace': '0' });
    await call('/d');
    const spans = serverSpans();
    expect(spans.map((span) => span.attributes['url.path'])).toEqual(['/a', '/b']);
    expect(spans[0]?.attributes).toMatchObject({ 'sampling.forced': true, 'sampling.debug_id': '1', 'sampling.priority': 1, 'sampler.type': 'forced', 'sampler.param': 1 });
    expect(spans[1]?.attributes).toMatchObject({ 'sampling.forced': true, 'sampling.debug_id': 'ticket-123' });
  });

  it('a configured header replaces the defaults, and [] turns forcing off', async () => {
    let call = await serve({ sampler: 'parentbased_always_off', debugHeaders: ['x-trace-me'] });
    await call('/custom', { 'x-trace-me': 'yes' });
    await call('/default', { 'x-debug-trace': '1' });
    expect(serverSpans().map((span) => span.attributes['url.path'])).toEqual(['/custom']);
    await stopAll();
    call = await serve({ sampler: 'parentbased_always_off', debugHeaders: [] });
    await call('/off', { 'x-debug-trace': '1', 'jaeger-debug-id': 'x' });
    expect(serverSpans()).toEqual([]);
  });

  it('with trustRemoteSampling false only a request carrying a trusted header may force', async () => {
    const call = await serve({ sampler: 'parentbased_always_off', trustRemoteSampling: false, trustedSamplingHeaders: ['x-internal=s3cret'] });
    await call('/public', { 'x-debug-trace': '1' });
    await call('/wrong-token', { 'x-debug-trace': '1', 'x-internal': 'guess' });
    await call('/internal', { 'x-debug-trace': '1', 'x-internal': 's3cret' });
    expect(serverSpans().map((span) => span.attributes['url.path'])).toEqual(['/internal']);
  });

  it('the detector cuts long debug ids and reads the first of repeated headers', () => {
    const detect = createDebugHeaderDetector([{ name: 'jaeger-debug-id' }], { trustRemoteSampling: true, trustedSamplingHeaders: [] });
    expect(detect?.({ 'jaeger-debug-id': 'x'.repeat(500) })).toHaveLength(128);
    expect(createDebugHeaderDetector([], { trustRemoteSampling: true, trustedSamplingHeaders: [] })).toBeUndefined();
  });
});

describe('sampling.priority at span start', () => {
  it('above 0 keeps a span the sampler would drop, 0 drops one it would keep, later changes nothing', async () => {
    tracing = createTestTracing({ sampler: 'parentbased_always_off' });
    const tracer = tracing.tracer('code');
    tracer.startSpan('kept', { attributes: { 'sampling.priority': 1 } }).end();
    tracer.startSpan('text priority', { attributes: { 'sampling.priority': '2' } }).end();
    tracer.startSpan('not asked').end();
    const late = tracer.startSpan('late');
    late.setAttribute('sampling.priority', 1);
    late.end();
    expect(tracing.finishedSpans().map((span) => [span.name, span.attributes['sampling.forced'], span.attributes['sampler.param']])).toEqual([
      ['kept', true, 1],
      ['text priority', true, 2],
    ]);
    await tracing.shutdown();
    tracing = createTestTracing({ sampler: 'parentbased_always_on' });
    tracing.tracer('code').startSpan('dropped', { attributes: { 'sampling.priority': 0 } }).end();
    tracing.tracer('code').startSpan('negative is ignored', { attributes: { 'sampling.priority': -1 } }).end();
    expect(tracing.finishedSpans().map((span) => span.name)).toEqual(['negative is ignored']);
  });
});

async function stopAll(): Promise<void> {
  if (server !== undefined) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
  }
  await tracing?.shutdown();
  tracing = undefined;
}
