import { execFile } from 'node:child_process';
import { delimiter, dirname } from 'node:path';

/**
 * The environment for an `npm` run in a consumer project: the user's own configuration only.
 * Variables npm sets for a running script (`npm_config_local_prefix`, `npm_lifecycle_event`, ...)
 * would point a nested npm back at this repository, and `NODE_ENV=production` would change what
 * it installs, so they are left out. npm runs on the Node.js binary that runs the tests.
 */
export function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key.startsWith('OTEL_') || key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'NODE_OPTIONS' || key === 'TEST') continue;
    env[key] = value;
  }
  env.PATH = [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
  return env;
}

/** What an npm command printed, and how it ended. */
export interface NpmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm <args>` in `cwd`; resolves whatever the exit code (the caller decides what is a failure). */
export function runNpm(args: string[], cwd: string, timeoutMillis = 240_000): Promise<NpmResult> {
  return new Promise((resolve, reject) => {
    execFile('npm', args, { cwd, env: npmEnv(), timeout: timeoutMillis, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      if (error !== null && code === -1) return reject(new Error(`npm ${args.join(' ')} could not run in ${cwd}: ${error.message}\n${stderr}`));
      resolve({ code, stdout, stderr });
    });
  });
}
