'use strict';
// The benchmark target: one Express route returning a small JSON body. Express 5 from the
// repository by default; BENCH_EXPRESS_DIR names a folder whose own Express to use instead
// (bench/express4). Listens on 127.0.0.1 and an ephemeral port, then prints `{"port":N}` on stdout
// for the runner.
const from = process.env.BENCH_EXPRESS_DIR ? { paths: [process.env.BENCH_EXPRESS_DIR] } : undefined;
const express = require(require.resolve('express', from));
const expressVersion = require(require.resolve('express/package.json', from)).version;

const app = express();
app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});
app.get('/users/:id', (req, res) => {
  res.json({ id: req.params.id });
});

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port, pid: process.pid, express: expressVersion })}\n`);
});
server.keepAliveTimeout = 30_000;

// The instruction counter collects garbage before it starts counting (node --expose-gc).
if (typeof globalThis.gc === 'function') process.on('SIGUSR2', () => globalThis.gc());

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
