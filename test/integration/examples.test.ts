/**
 * Every example, compiled by tsc the way an application compiles itself (importing
 * `otel-bootstrap` by name) and run as its npm script runs it.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanEnv, REPO_ROOT } from './support/service-process';

const run = promisify(execFile);
const EXAMPLES = join(REPO_ROOT, 'examples');
const OUT = join(EXAMPLES, 'dist');
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

async function runExample(file: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, [join(OUT, file)], { cwd: REPO_ROOT, env: cleanEnv(env), timeout: 60_000 });
  return `${stdout}${stderr}`;
}

beforeAll(async () => {
  assertBuilt();
  rmSync(OUT, { recursive: true, force: true });
  await run(process.execPath, [TSC, '-p', join(EXAMPLES, 'tsconfig.build.json')], { cwd: REPO_ROOT });
}, 120_000);

describe('examples', () => {
  it('each example folder has an npm script that runs its compiled entry', () => {
    const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const folders = readdirSync(EXAMPLES, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'dist' && entry.name !== 'support')
      .map((entry) => entry.name);
    expect(folders.length).toBeGreaterThanOrEqual(7);
    for (const folder of folders) {
      expect(Object.values(scripts).some((script) => script.includes(`node examples/dist/${folder}/`)), folder).toBe(true);
    }
  });

  it('no example reaches into the build output: each imports the package by name', () => {
    for (const folder of readdirSync(EXAMPLES, { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== 'dist')) {
      for (const file of readdirSync(join(EXAMPLES, folder.name)).filter((name) => /\.m?ts$/.test(name))) {
        const source = readFileSync(join(EXAMPLES, folder.name, file), 'utf8');
        expect(source, `${folder.name}/${file}`).not.toMatch(/(from\s+|require(\.resolve)?\()['"][^'"]*\/(src|dist)\//);
        expect(source, `${folder.name}/${file}`).not.toMatch(/from\s+['"](\.\.\/)+(src|dist)/);
      }
    }
  });

  it('express-service (npm run demo): one tree per trace, /health untraced', async () => {
    const output = await runExample('express-service/demo.js');
    expect(output).toContain('GET /users/1 -> 200');
    expect(output).toMatch(/└─ GET \/profiles\/:id {2}\[server\][^\n]*\n {3}└─ GET {2}\[client\][^\n]*\n {6}└─ GET \/users\/:id {2}\[server\]/);
    expect(output).not.toContain('/health  [server]');
    expect(output).toContain('service stopped (SIGTERM)');
  });

  it('decorated-service (npm run demo:typescript): real @traceMethod() syntax compiled by tsc', async () => {
    expect(readFileSync(join(OUT, 'decorated-service', 'order-service.js'), 'utf8')).toContain('__esDecorate');
    const output = await runExample('decorated-service/run.js');
    expect(output).toMatch(/└─ OrderService\.create {2}\[internal\][^\n]*\n {3}└─ orders\.price {2}\[internal\]/);
    expect(output).toMatch(/orders\.charge {2}\[internal\][^\n]*ERROR: card declined for order-1[^\n]*error\.type=PaymentDeclinedError/);
    expect(output).toContain('OrderService.login  [internal]');
    expect(output).not.toContain('function.args');
  });

  it('decorated-service with the verbose console tree (as npm run demo:typescript runs it): redacted arguments, the result and the exception event; never the secrets', async () => {
    const output = await runExample('decorated-service/run.js', { OTEL_BOOTSTRAP_CONSOLE_VERBOSE: 'true' });
    expect(output).toContain('· function.args.1={"cardNumber":"[REDACTED]","holder":"Ann","cvv":"[REDACTED]"}');
    expect(output).toContain('· function.args.0={"name":"ann","profile":{"apiKey":"[REDACTED]","city":"Oslo"}}');
    expect(output).toContain('· function.args.1=[REDACTED]');
    expect(output).toMatch(/· function\.result=/);
    expect(output).toMatch(/· event exception \+\d+\.\d ms {2}exception\.type=\w+ {2}exception\.message=card declined for order-1/);
    for (const secret of ['hunter2', 'k-123', '4111 1111 1111 1111']) expect(output, secret).not.toContain(secret);
  });

  it('esm-service (npm run demo:esm): an ES module service traced from --import', async () => {
    const output = await runExample('esm-service/run.mjs');
    expect(output).toContain('GET /products/9 -> 404');
    expect(output).toMatch(/GET \/products\/:id {2}\[server\][^\n]*http\.response\.status_code=404/);
  });

  it('init-in-code (npm run demo:init-in-code): a span of its own under the request span', async () => {
    const output = await runExample('init-in-code/run.js');
    expect(output).toMatch(/└─ GET \/stock\/:sku {2}\[server\][^\n]*\n\S*\s*└─ inventory\.lookup {2}\[internal\]/);
    expect(output).toContain('"serviceName":"inventory"');
  });

  it('access-log (npm run demo:access-log): HAProxy lines as spans of one trace at their logged times', async () => {
    const output = await runExample('access-log/import-access-log.js');
    expect(output).toContain('4 of 5 lines are access log entries');
    const traceId = /TRACE_ID=([0-9a-f]{32})/.exec(output)?.[1];
    expect(output).toContain(`trace ${traceId} (haproxy, 5 spans)`);
    expect(output).toMatch(
      /└─ haproxy http-in {2}\[internal\] {2}473\.0 ms\n {3}├─ GET \/orders\/42 {2}\[server\] {2}125\.0 ms[^\n]*\n {3}├─ GET \/orders\/42\/items {2}\[server\] {2}45\.0 ms[^\n]*\n {3}├─ POST \/orders\/42\/pay {2}\[server\] {2}240\.0 ms {2}ERROR: HTTP 503 \(sH--\)[^\n]*\n {3}└─ POST \/orders\/42\/pay {2}\[server\] {2}33\.0 ms/,
    );
  });

  it('opentracing-bridge (npm run demo:opentracing): an OpenTracing service and a @traceMethod() service in one trace', async () => {
    const output = await runExample('opentracing-bridge/run.js');
    const traceId = /TRACE_ID=([0-9a-f]{32})/.exec(output)?.[1];
    expect(traceId, output).toBeDefined();
    expect(output).toContain(`[inventory] trace ${traceId} (inventory, 4 spans)`);
    expect(output).toContain(`[billing] trace ${traceId} (billing, 3 spans)`);
    expect(output).toContain('"tier":"gold"');
  });

  it('microservices (npm run demo:microservices): four services, one trace', async () => {
    const output = await runExample('microservices/run.js');
    expect(output).toMatch(/\[run\] all four services printed their part of trace [0-9a-f]{32}/);
    expect(output).toContain('[run] all services stopped');
  });
});
