import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The Node.js lines the package supports, as cached by the platform setup. */
const LINES = ['22.23.5', '24.22.3', '26.12.1'];

/** A Node.js binary to run children with, and its version. */
export interface NodeRuntime {
  version: string;
  execPath: string;
}

function atLeast(version: string, major: number, minor: number): boolean {
  const [maj = 0, min = 0] = version.replace(/^v/, '').split('.').map(Number);
  return maj > major || (maj === major && min >= minor);
}

/**
 * Every supported runtime available here: the cached official binaries
 * (`~/.cache/otel-bootstrap/node/<version>/bin/node`), plus the one running the tests when it is
 * Node >= 22.15 and not among them. Throws when there is none, so a test never passes on no runtime.
 */
export function supportedRuntimes(): NodeRuntime[] {
  const runtimes = LINES.map((version) => ({ version, execPath: join(homedir(), '.cache', 'otel-bootstrap', 'node', version, 'bin', 'node') })).filter((runtime) => existsSync(runtime.execPath));
  const current = process.version.slice(1);
  if (atLeast(current, 22, 15) && !runtimes.some((runtime) => runtime.version === current)) runtimes.push({ version: current, execPath: process.execPath });
  if (runtimes.length === 0) throw new Error(`no Node.js >= 22.15 found: install the binaries under ~/.cache/otel-bootstrap/node/ (${LINES.join(', ')}) or run the tests on Node >= 22.15`);
  return runtimes;
}
