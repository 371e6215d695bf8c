/**
 * End to end against a real Jaeger v2 (started by `npm run test:e2e`): a service instrumented with
 * the OpenTracing API through otel-bootstrap/opentracing and a @traceMethod() service call each
 * other over HTTP (examples/opentracing-bridge, Jaeger `uber-trace-id` between them), and the
 * trace read back from Jaeger's query API is one trace with the exact parent/child edges.
 */
import { describe, expect, it } from 'vitest';
import { requireJaeger, runExample, spanTree, tag, waitForTrace, type JaegerSpan } from './support/jaeger-query';

const SUFFIX = 'bridge-e2e';

const EXPECTED: Record<string, string | undefined> = {
  'billing/checkout/server': undefined,
  'billing/inventory.reserve/client': 'billing/checkout/server',
  'inventory/POST /reserve/:sku/server': 'billing/inventory.reserve/client',
  'inventory/InventoryService.reserve/internal': 'inventory/POST /reserve/:sku/server',
  'inventory/PriceClient.priceOf/internal': 'inventory/InventoryService.reserve/internal',
  'inventory/GET/client': 'inventory/PriceClient.priceOf/internal',
  'billing/price lookup/server': 'inventory/GET/client',
};

describe('OpenTracing bridge and @traceMethod() services in Jaeger', () => {
  it('land as one trace with the exact edges in both directions, OpenTracing tags and logs included', async () => {
    await requireJaeger();
    const run = await runExample('opentracing-bridge/run.js', {
      NODE_ENV: 'production',
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      DEMO_SERVICE_SUFFIX: SUFFIX,
    });
    expect(run.code, run.output).toBe(0);
    const traceId = /^TRACE_ID=([0-9a-f]{32})$/m.exec(run.output)?.[1];
    expect(traceId, run.output).toBeDefined();

    const trace = await waitForTrace(traceId as string, (found) => found.spans.length >= Object.keys(EXPECTED).length);
    expect(new Set(trace.spans.map((span) => span.traceID))).toEqual(new Set([traceId]));
    expect(new Set(Object.values(trace.processes).map((process) => process.serviceName))).toEqual(new Set([`billing-${SUFFIX}`, `inventory-${SUFFIX}`]));
    const { byKey, parentKey } = spanTree(trace, SUFFIX);
    expect([...byKey.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.fromEntries([...byKey].map(([key, span]) => [key, parentKey(span)]))).toEqual(EXPECTED);

    const checkout = byKey.get('billing/checkout/server') as JaegerSpan;
    expect(tag(checkout, 'http.method')).toBe('GET');
    expect(tag(checkout, 'http.url')).toBe('/checkout/tea');
    expect(tag(checkout, 'otel.scope.name')).toBe('otel-bootstrap.opentracing');
    expect(checkout.logs.map((log) => log.fields.find((field) => field.key === 'event')?.value)).toContain('reserved');
    expect(tag(byKey.get('billing/inventory.reserve/client') as JaegerSpan, 'inventory.sku')).toBe('tea');
    expect(tag(byKey.get('inventory/InventoryService.reserve/internal') as JaegerSpan, 'function.args.0')).toBe('tea');
    expect(tag(byKey.get('billing/price lookup/server') as JaegerSpan, 'http.status_code')).toBe(200);
  });
});
