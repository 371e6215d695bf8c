// Tracing started in code: init() is the first statement, before express or http load.
//   node examples/init-in-code/server.cjs        (inside this repository, after npm run build)
const { init } = require('../../dist/index.cjs'); // in an application: require('otel-bootstrap')

const tracing = init({ serviceName: 'inventory', environment: 'development' });

const express = require('express');

const app = express();
app.get('/stock/:sku', async (req, res) => {
  // A span of your own around a piece of work, as a child of the request's server span.
  const span = tracing.tracer().startSpan('inventory.lookup', { attributes: { 'inventory.sku': req.params.sku } });
  await new Promise((resolve) => setTimeout(resolve, 5));
  span.end();
  res.json({ sku: req.params.sku, available: 3 });
});

const server = app.listen(Number(process.env.PORT ?? 3001), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
  console.log('redacted configuration:', JSON.stringify(tracing.config));
});
