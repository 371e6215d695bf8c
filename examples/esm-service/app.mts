// An ES module service with no tracing code. Tracing comes from the environment only:
//   OTEL_SERVICE_NAME=catalog node --import otel-bootstrap/register app.mjs
import express from 'express';
import type { AddressInfo } from 'node:net';

const app = express();
const products: Record<string, { id: number; title: string }> = { 1: { id: 1, title: 'Teapot' } };

app.get('/products/:id', (req, res) => {
  const product = products[req.params.id];
  if (product === undefined) {
    res.status(404).json({ error: 'no such product' });
    return;
  }
  res.json(product);
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
