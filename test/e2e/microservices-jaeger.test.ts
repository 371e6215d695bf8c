/**
 * End to end against a real Jaeger v2 (started by `npm run test:e2e` through scripts/jaeger.sh):
 * runs the compiled examples/microservices once per export path and reads the trace back from Jaeger's query
 * API. Fails, never skips, when Jaeger is not reachable.
 */
import { describe, expect, it } from 'vitest';
import { getJson, requireJaeger, runExample, spanTree, tag, waitForTrace, type JaegerSpan } from './support/jaeger-query';

interface ExportPath {
  name: string;
  env: Record<string, string>;
}

const EXPORT_PATHS: ExportPath[] = [
  {
    name: 'otlp-proto',
    env: { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' },
  },
  {
    name: 'otlp-json',
    env: { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
  },
  {
    name: 'thrift-udp',
    env: { OTEL_TRACES_EXPORTER: 'jaeger', OTEL_EXPORTER_JAEGER_AGENT_HOST: '127.0.0.1', OTEL_EXPORTER_JAEGER_AGENT_PORT: '6832' },
  },
  {
    name: 'thrift-http',
    env: { OTEL_TRACES_EXPORTER: 'jaeger', OTEL_EXPORTER_JAEGER_ENDPOINT: 'http://127.0.0.1:14268/api/traces' },
  },
];

/** The expected spans, as `service/operation/kind`, each with the key of its parent (root: undefined). */
function expectedTree(): Record<string, string | undefined> {
  return {
    'gateway/GET /checkout/:userId/server': undefined,
    'gateway/GET/client': 'gateway/GET /checkout/:userId/server',
    'gateway/POST/client': 'gateway/GET /checkout/:userId/server',
    'users/GET /users/:id/server': 'gateway/GET/client',
    'users/UserService.getProfile/internal': 'users/GET /users/:id/server',
    'users/UserRepository.findById/internal': 'users/UserService.getProfile/internal',
    'users/UserService.tierOf/internal': 'users/UserService.getProfile/internal',
    'orders/POST /orders/server': 'gateway/POST/client',
    'orders/send orders.created/producer': 'orders/POST /orders/server',
    'worker/process orders.created/consumer': 'orders/send orders.created/producer',
    'worker/reserve stock/internal': 'worker/process orders.created/consumer',
    'worker/send confirmation/internal': 'worker/process orders.created/consumer',
  };
}

describe.each(EXPORT_PATHS)('microservices trace in Jaeger via $name', ({ name, env }) => {
  const service = (base: string): string => `${base}-${name}`;

  it('holds one trace across gateway, users, orders and worker with the exact parent/child edges', async () => {
    await requireJaeger();
    const run = await runExample('microservices/run.js', { ...env, NODE_ENV: 'production', OTEL_TRACES_SAMPLER: 'parentbased_always_on', DEMO_SERVICE_SUFFIX: name });
    expect(run.code, run.output).toBe(0);
    const traceId = /^TRACE_ID=([0-9a-f]{32})$/m.exec(run.output)?.[1];
    expect(traceId, run.output).toBeDefined();

    const expected = expectedTree();
    const trace = await waitForTrace(traceId as string, (found) => found.spans.length >= Object.keys(expected).length);

    // One trace id, four services (with this path's names), and nothing but the expected spans.
    expect(trace.traceID).toBe(traceId);
    expect(new Set(trace.spans.map((span) => span.traceID))).toEqual(new Set([traceId]));
    expect(new Set(Object.values(trace.processes).map((process) => process.serviceName))).toEqual(
      new Set(['gateway', 'users', 'orders', 'worker'].map(service)),
    );
    const { byKey, keyOf, parentKey } = spanTree(trace, name);
    expect([...byKey.keys()].sort()).toEqual(Object.keys(expected).sort());

    // No orphans: every referenced parent is in the trace, and exactly one root.
    const ids = new Set(trace.spans.map((span) => span.spanID));
    for (const span of trace.spans) {
      for (const reference of span.references) {
        expect(reference.traceID).toBe(traceId);
        expect(ids.has(reference.spanID), `parent of ${keyOf(span)} missing`).toBe(true);
      }
    }
    expect(trace.spans.filter((span) => span.references.length === 0).map(keyOf)).toEqual(['gateway/GET /checkout/:userId/server']);

    // The exact edges.
    const edges = Object.fromEntries([...byKey].map(([key, span]) => [key, parentKey(span)]));
    expect(edges).toEqual(expected);

    // Client spans point at the services they called; messaging spans carry the conventions.
    const gatewayGet = byKey.get('gateway/GET/client') as JaegerSpan;
    expect(String(tag(gatewayGet, 'url.full'))).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/users\/1$/);
    const gatewayPost = byKey.get('gateway/POST/client') as JaegerSpan;
    expect(String(tag(gatewayPost, 'url.full'))).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/orders$/);
    expect(tag(byKey.get('users/UserService.getProfile/internal') as JaegerSpan, 'code.function.name')).toBe('UserService.getProfile');

    const producer = byKey.get('orders/send orders.created/producer') as JaegerSpan;
    const consumer = byKey.get('worker/process orders.created/consumer') as JaegerSpan;
    for (const [span, operation] of [
      [producer, 'send'],
      [consumer, 'process'],
    ] as const) {
      expect(tag(span, 'messaging.system')).toBe('loopback-queue');
      expect(tag(span, 'messaging.destination.name')).toBe('orders.created');
      expect(tag(span, 'messaging.operation.type')).toBe(operation);
    }
    expect(tag(producer, 'messaging.message.id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(tag(consumer, 'messaging.message.id')).toBe(tag(producer, 'messaging.message.id'));

    // The services are findable by name too.
    const { body } = await getJson('/api/services');
    expect((body as { data: string[] }).data).toEqual(expect.arrayContaining(['gateway', 'users', 'orders', 'worker'].map(service)));
  });
});
