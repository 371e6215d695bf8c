// Inventory: an Express service on OpenTelemetry with @traceMethod() classes, started with
// `node --require otel-bootstrap/register inventory.js`. It reads and writes Jaeger's
// uber-trace-id besides W3C trace context (OTEL_PROPAGATORS=tracecontext,baggage,jaeger), so the
// OpenTracing billing service and it share one trace in both directions.
import type { AddressInfo } from 'node:net';
import { propagation } from '@opentelemetry/api';
import express from 'express';
import { traceMethod } from 'otel-bootstrap';

const BILLING_URL = process.env.BILLING_URL;
if (!BILLING_URL) throw new Error('BILLING_URL must be set');

class PriceClient {
  @traceMethod()
  async priceOf(sku: string): Promise<number> {
    const response = await fetch(`${BILLING_URL}/prices/${encodeURIComponent(sku)}`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`no price for ${sku} (${response.status})`);
    return ((await response.json()) as { price: number }).price;
  }
}

class InventoryService {
  readonly #stock = new Map([
    ['tea', 12],
    ['teapot', 1],
  ]);

  constructor(private readonly prices: PriceClient) {}

  @traceMethod({ includeArgs: true })
  async reserve(sku: string): Promise<{ reserved: boolean; price: number; tier: string | undefined }> {
    const left = this.#stock.get(sku) ?? 0;
    const price = await this.prices.priceOf(sku);
    if (left > 0) this.#stock.set(sku, left - 1);
    // Baggage set by the OpenTracing caller arrives as OpenTelemetry baggage.
    return { reserved: left > 0, price, tier: propagation.getActiveBaggage()?.getEntry('customer.tier')?.value };
  }
}

const inventory = new InventoryService(new PriceClient());
const app = express();

app.post('/reserve/:sku', async (req, res, next) => {
  try {
    res.json(await inventory.reserve(req.params.sku));
  } catch (error) {
    next(error);
  }
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
