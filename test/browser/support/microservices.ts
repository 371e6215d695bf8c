import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../integration/support/service-process';

/** The spans of the microservices example's trace: `service/name` with the parent's key (root: undefined). */
export const EXPECTED_TREE: Record<string, string | undefined> = {
  'gateway/GET /checkout/:userId': undefined,
  'gateway/GET': 'gateway/GET /checkout/:userId',
  'gateway/POST': 'gateway/GET /checkout/:userId',
  'users/GET /users/:id': 'gateway/GET',
  'users/UserService.getProfile': 'users/GET /users/:id',
  'users/UserRepository.findById': 'users/UserService.getProfile',
  'users/UserService.tierOf': 'users/UserService.getProfile',
  'orders/POST /orders': 'gateway/POST',
  'orders/send orders.created': 'orders/POST /orders',
  'worker/process orders.created': 'orders/send orders.created',
  'worker/reserve stock': 'worker/process orders.created',
  'worker/send confirmation': 'worker/process orders.created',
};

/** The compiled microservices example (`npm run build:examples`, which `npm run test:browser` runs). */
const EXAMPLE = join(REPO_ROOT, 'examples', 'dist', 'microservices', 'run.js');

/** Runs examples/microservices once with this environment; resolves with the trace id it printed. */
export function runMicroservices(env: Record<string, string>): Promise<string> {
  if (!existsSync(EXAMPLE)) throw new Error(`${EXAMPLE} is missing: run "npm run build:examples" (npm run test:browser does) before the browser tests.`);
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_') && key !== 'NODE_ENV'));
  const child = spawn(process.execPath, [EXAMPLE], { cwd: REPO_ROOT, env: { ...base, NODE_ENV: 'development', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the microservices example did not finish within 90 s:\n${output}`));
    }, 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const traceId = /^TRACE_ID=([0-9a-f]{32})$/m.exec(output)?.[1];
      if (code !== 0 || traceId === undefined) reject(new Error(`the microservices example failed (exit ${code}):\n${output}`));
      else resolve(traceId);
    });
  });
}
