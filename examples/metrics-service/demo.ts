// `npm run demo:metrics`: starts app.js under `--require otel-bootstrap/register` with the
// Prometheus endpoint on a free port, sends fast, slow and failing requests, and prints what a
// scrape of /metrics returns for them: counts per route and status, and the exemplars.
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startService, stopService } from '../support/service-process.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const metricsPort = await freePort();
  const service = await startService('shop', ['--require', require.resolve('otel-bootstrap/register'), join(__dirname, 'app.js')], {
    NODE_ENV: 'production',
    OTEL_SERVICE_NAME: 'shop',
    OTEL_TRACES_SAMPLER: 'parentbased_always_on',
    OTEL_TRACES_EXPORTER: 'none',
    OTEL_METRICS_EXPORTER: 'prometheus',
    OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
    SLOW_MILLIS: '120',
  });
  try {
    for (let index = 0; index < 5; index++) await fetch(`${service.address}/items/${index}`).then((response) => response.text());
    await Promise.all([fetch(`${service.address}/slow`), fetch(`${service.address}/slow`)].map((request) => request.then((response) => response.text())));
    await fetch(`${service.address}/fail`).then((response) => response.text());
    const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { accept: 'application/openmetrics-text;version=1.0.0' } }).then((response) => response.text());
    const lines = scrape.split('\n').filter((line) => line.startsWith('http_server_request_duration_seconds_count') || (line.startsWith('http_server_request_duration_seconds_bucket') && line.includes('trace_id')));
    console.log(lines.join('\n'));
  } finally {
    await stopService(service);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
