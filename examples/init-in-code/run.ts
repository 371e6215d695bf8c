// `npm run demo:init-in-code`: starts server.js (tracing from init() in code), asks for a stock
// level and stops it; the service prints its trace tree.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startService, stopService } from '../support/service-process.js';

async function main(): Promise<void> {
  const service = await startService('inventory', [join(__dirname, 'server.js')], { PORT: '0' });
  const response = await fetch(`${service.address}/stock/tea-1`);
  console.log(`GET /stock/tea-1 -> ${response.status} ${await response.text()}`);
  await sleep(150);
  console.log(`service stopped (${await stopService(service)})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
