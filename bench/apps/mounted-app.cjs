'use strict';
// Benchmark target for route naming and error capture: an Express app (EXPRESS_MODULE, default
// `express`) whose route sits under a mounted router with a parameter. Prints `{"port":N}`.
const express = require(process.env.EXPRESS_MODULE ?? 'express');

const app = express();
const orders = express.Router();
orders.get('/orders/:oid', (req, res) => {
  res.json({ order: req.params.oid });
});
app.use('/tenant/:tid', orders);

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port, pid: process.pid })}\n`);
});
server.keepAliveTimeout = 30_000;

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
