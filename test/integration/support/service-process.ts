import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const REGISTER_CJS = join(REPO_ROOT, 'dist', 'register.cjs');
export const REGISTER_MJS = join(REPO_ROOT, 'dist', 'register.mjs');
export const FIXTURE_APPS = join(REPO_ROOT, 'test', 'fixtures', 'apps');

/** Fails loudly when the package has not been built; the `test` script builds it first. */
export function assertBuilt(): void {
  if (!existsSync(REGISTER_CJS) || !existsSync(REGISTER_MJS)) throw new Error(`dist/ is missing: run "npm run build" before the integration tests (looked for ${REGISTER_CJS}).`);
}

/** A child process running a service, with its output collected. */
export interface ServiceProcess {
  child: ChildProcess;
  /** Base URL from the `listening on ...` line, if the service prints one. */
  baseUrl: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
}

/** The environment a test child starts from: no inherited OTEL_* or NODE_ENV from the test runner. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('OTEL_') && key !== 'NODE_ENV' && key !== 'NODE_OPTIONS' && !key.startsWith('VITEST') && key !== 'TEST') env[key] = value;
  }
  return { ...env, ...extra };
}

/** Where a service runs; by default the test runner's working directory. */
export interface ServiceOptions {
  /** Working directory: a consumer project, so that `--require otel-bootstrap/register` resolves from its node_modules. */
  cwd?: string;
}

/**
 * Starts `node <args>` and, when `waitForListening` is set, waits for `listening on <url>` on stdout.
 */
export async function startService(args: string[], env: Record<string, string>, waitForListening = true, options: ServiceOptions = {}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, args, { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const service: ServiceProcess = {
    child,
    baseUrl: '',
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
  };
  if (!waitForListening) return service;
  service.baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start within 15 s\nstdout: ${out}\nstderr: ${err}`)), 15_000);
    const onData = (): void => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`service exited early (code ${code}, signal ${signal})\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  return service;
}

/** Stops a service if it is still running and waits for it. */
export async function stopService(service: ServiceProcess | undefined): Promise<void> {
  if (service === undefined || service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.kill('SIGKILL');
  await service.exited;
}
