// `npm run demo:esm`: starts app.mjs under `node --import otel-bootstrap/register`, requests a
// product and a missing one, and stops it; the service prints its trace trees.
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { startService, stopService } from '../support/service-process.js';

const service = await startService('catalog', ['--import', import.meta.resolve('otel-bootstrap/register'), fileURLToPath(new URL('./app.mjs', import.meta.url))], {
  NODE_ENV: 'development',
  OTEL_SERVICE_NAME: 'catalog',
  PORT: '0',
});
for (const path of ['/products/1', '/products/9']) {
  const response = await fetch(`${service.address}${path}`);
  console.log(`GET ${path} -> ${response.status}`);
  await sleep(150);
}
console.log(`service stopped (${await stopService(service)})`);
