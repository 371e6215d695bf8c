// `npm run demo`: starts app.js under `--require otel-bootstrap/register` in the development
// profile, sends a few requests, lets the service print its trace trees, and exits.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startService, stopService } from '../support/service-process.js';

async function main(): Promise<void> {
  const service = await startService('', ['--require', require.resolve('otel-bootstrap/register'), join(__dirname, 'app.js')], {
    NODE_ENV: 'development',
    OTEL_SERVICE_NAME: 'express-example',
    PORT: '0',
  });
  for (const path of ['/users/1', '/users/42', '/profiles/2', '/health']) {
    const response = await fetch(`${service.address}${path}`);
    console.log(`GET ${path} -> ${response.status}`);
    await sleep(150);
  }
  const how = await stopService(service);
  console.log(`service stopped (${how}); /health was not traced by default.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
