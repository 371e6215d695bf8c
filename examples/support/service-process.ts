// Starts an example service in a child process and waits for its `listening on <address>` line;
// used by the example runners, never by the services themselves.
import { spawn, type ChildProcess } from 'node:child_process';

/** A started service: its process and the address it printed. */
export interface StartedService {
  child: ChildProcess;
  address: string;
  /** Resolves with the exit code or signal once the process ended. */
  exited: Promise<string>;
}

/**
 * Runs `node <args>` with `env` added to this process's environment, passes its output through
 * (prefixed with `label`) and resolves once it prints `listening on <address>` (bounded wait).
 */
export function startService(label: string, args: readonly string[], env: Record<string, string>, timeoutMillis = 10_000): Promise<StartedService> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}`)));
  return new Promise((resolve, reject) => {
    let found = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start within ${timeoutMillis} ms`));
    }, timeoutMillis);
    timer.unref();
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        partial += chunk;
        const lines = partial.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          out.write(label === '' ? `${line}\n` : `[${label}] ${line}\n`);
          const match = /listening on (\S+)/.exec(line);
          if (match !== null && !found) {
            found = true;
            clearTimeout(timer);
            resolve({ child, address: match[1] as string, exited });
          }
        }
      });
    }
    void exited.then((how) => {
      clearTimeout(timer);
      if (!found) reject(new Error(`${label} exited (${how}) before it was listening`));
    });
  });
}

/** Sends SIGTERM and waits for the exit. */
export async function stopService(service: StartedService): Promise<string> {
  service.child.kill('SIGTERM');
  return service.exited;
}
