// `npm run demo:opentracing`: starts billing (OpenTracing API through otel-bootstrap/opentracing)
// and inventory (@traceMethod() under --require otel-bootstrap/register), which call each other
// over HTTP, sends one checkout and prints the trace id as `TRACE_ID=<id>`. Every OTEL_* variable
// is passed through, so the same run exports to Jaeger:
//
//   OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 node examples/dist/opentracing-bridge/run.js
//
// DEMO_SERVICE_SUFFIX is appended to both service names.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startService, stopService } from '../support/service-process.js';

const suffix = process.env.DEMO_SERVICE_SUFFIX ? `-${process.env.DEMO_SERVICE_SUFFIX}` : '';

/** A port nothing listens on right now, for services that must know each other's address before they start. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function main(): Promise<void> {
  const [billingPort, inventoryPort] = [await freePort(), await freePort()];
  const billingUrl = `http://127.0.0.1:${billingPort}`;
  const inventoryUrl = `http://127.0.0.1:${inventoryPort}`;
  const common = { NODE_ENV: process.env.NODE_ENV ?? 'development' };
  const billing = await startService('billing', [join(__dirname, 'billing.js')], { ...common, OTEL_SERVICE_NAME: `billing${suffix}`, PORT: String(billingPort), INVENTORY_URL: inventoryUrl });
  const inventory = await startService('inventory', ['--require', require.resolve('otel-bootstrap/register'), join(__dirname, 'inventory.js')], {
    ...common,
    OTEL_SERVICE_NAME: `inventory${suffix}`,
    OTEL_PROPAGATORS: 'tracecontext,baggage,jaeger',
    PORT: String(inventoryPort),
    BILLING_URL: billingUrl,
  });
  try {
    const response = await fetch(`${billingUrl}/checkout/tea`, { signal: AbortSignal.timeout(10_000) });
    const body = (await response.json()) as { traceId?: string; tier?: string };
    console.log(`GET /checkout/tea -> ${response.status} ${JSON.stringify(body)}`);
    if (response.status !== 200 || body.traceId === undefined) throw new Error('checkout failed');
    if (body.tier !== 'gold') throw new Error('the baggage set in billing did not reach inventory');
    console.log(`TRACE_ID=${body.traceId}`);
    await sleep(200);
  } finally {
    console.log(`billing stopped (${await stopService(billing)}), inventory stopped (${await stopService(inventory)})`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
