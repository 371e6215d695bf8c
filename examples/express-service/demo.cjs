// `npm run demo`: starts app.cjs under `--require otel-bootstrap/register` in the development
// profile, sends a few requests, lets the service print its trace trees, and exits.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const registerEntry = require.resolve('../../dist/register.cjs');

function startService() {
  const child = spawn(process.execPath, ['--require', registerEntry, join(__dirname, 'app.cjs')], {
    env: { ...process.env, NODE_ENV: 'development', OTEL_SERVICE_NAME: 'express-example', PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buffered);
      if (match) {
        child.stdout.off('data', onData);
        child.stdout.pipe(process.stdout);
        resolve({ child, baseUrl: match[1] });
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`service exited early with code ${code}`)));
    setTimeout(() => reject(new Error('service did not start within 10 s')), 10_000).unref();
  });
}

async function main() {
  const { child, baseUrl } = await startService();
  const paths = ['/users/1', '/users/42', '/profiles/2', '/health'];
  for (const path of paths) {
    const response = await fetch(`${baseUrl}${path}`);
    console.log(`GET ${path} -> ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  child.kill('SIGTERM');
  const [code, signal] = await new Promise((resolve) => child.once('exit', (...args) => resolve(args)));
  console.log(`service stopped (${signal ?? `exit code ${code}`}); /health was not traced by default.`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
