// An Express service with RED metrics, exemplars and trace ids in its logs, and no telemetry code:
//
//   NODE_ENV=production OTEL_SERVICE_NAME=shop \
//   OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 OTEL_METRICS_EXPORTER=prometheus \
//   node --require otel-bootstrap/register examples/dist/metrics-service/app.js
//
// Every request is counted in http_server_request_duration_seconds on http://127.0.0.1:9464/metrics
// (OTEL_EXPORTER_PROMETHEUS_PORT to change it), sampled or not; a sampled request's trace id is
// the exemplar of its bucket. Each log line written inside a request carries trace_id and span_id.
import express from 'express';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';

const logger = pino();
const slowMillis = Number(process.env.SLOW_MILLIS ?? 300);

const app = express();

app.get('/items/:id', (req, res) => {
  logger.info({ item: req.params.id }, 'item read');
  res.json({ id: req.params.id });
});

app.get('/slow', (_req, res) => {
  setTimeout(() => res.json({ waited: slowMillis }), slowMillis);
});

app.get('/fail', (_req, res) => {
  logger.error('payment backend unavailable');
  res.status(503).json({ error: 'unavailable' });
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close());
