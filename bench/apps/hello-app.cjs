'use strict';
// The benchmark target: one Express 5 route returning a small JSON body. Listens on 127.0.0.1 and
// an ephemeral port, then prints `{"port":N}` on stdout for the runner.
const express = require('express');

const app = express();
app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});
app.get('/users/:id', (req, res) => {
  res.json({ id: req.params.id });
});

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port, pid: process.pid })}\n`);
});
server.keepAliveTimeout = 30_000;

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
