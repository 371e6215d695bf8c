// An ES module service. Run it with tracing from the environment only:
//   OTEL_SERVICE_NAME=catalog node --import otel-bootstrap/register examples/esm-service/app.mjs
// (inside this repository: node --import ./dist/register.mjs examples/esm-service/app.mjs)
import express from 'express';

const app = express();
const products = { 1: { id: 1, title: 'Teapot' } };

app.get('/products/:id', (req, res) => {
  const product = products[req.params.id];
  if (product === undefined) return res.status(404).json({ error: 'no such product' });
  res.json(product);
});

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
