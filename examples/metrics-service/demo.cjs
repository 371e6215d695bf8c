// `npm run demo:metrics`: starts app.cjs with the register entry and the Prometheus endpoint, sends
// a few requests (fast, slow and failing ones) and prints what a scrape of /metrics returns for them.
const { spawn } = require('node:child_process');
const { createServer } = require('node:net');
const { join } = require('node:path');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function main() {
  const metricsPort = await freePort();
  const child = spawn(process.execPath, ['--require', 'otel-bootstrap/register', join(__dirname, 'app.cjs')], {
    cwd: __dirname,
    env: { ...process.env, NODE_ENV: 'production', OTEL_SERVICE_NAME: 'shop', OTEL_TRACES_SAMPLER: 'parentbased_always_on', OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'prometheus', OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort), SLOW_MILLIS: '120' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const base = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`app exited with ${code}`)));
  });
  for (let index = 0; index < 5; index++) await fetch(`${base}/items/${index}`).then((response) => response.text());
  await Promise.all([fetch(`${base}/slow`), fetch(`${base}/slow`)].map((request) => request.then((response) => response.text())));
  await fetch(`${base}/fail`).then((response) => response.text());
  const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { accept: 'application/openmetrics-text;version=1.0.0' } }).then((response) => response.text());
  const lines = scrape.split('\n').filter((line) => line.startsWith('http_server_request_duration_seconds_count') || (line.startsWith('http_server_request_duration_seconds_bucket') && line.includes('trace_id')));
  console.log(lines.join('\n'));
  clearTimeout(killTimer);
  child.kill('SIGTERM');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
