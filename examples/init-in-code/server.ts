// Tracing started in code: init() runs before express or http load. The import of this module
// comes first, so its init() call runs before the imports below it are evaluated.
import { tracing } from './tracing.js';
import express from 'express';
import type { AddressInfo } from 'node:net';

const app = express();
app.get('/stock/:sku', async (req, res) => {
  // A span of your own around a piece of work, as a child of the request's server span.
  const span = tracing.tracer().startSpan('inventory.lookup', { attributes: { 'inventory.sku': req.params.sku } });
  await new Promise((resolve) => setTimeout(resolve, 5));
  span.end();
  res.json({ sku: req.params.sku, available: 3 });
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  console.log(`redacted configuration: ${JSON.stringify(tracing.config)}`);
});
