// The benchmark's own packages, kept out of the package's development dependencies: Express 4 for
// the Express 4 app, and the other tracers measured beside otel-bootstrap. Each folder has its own
// lock file and is installed on first use.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Installs `bench/<folder>` from its lock file unless its node_modules is there. */
export function ensureBenchDependencies(folder) {
  const directory = join(here, folder);
  if (existsSync(join(directory, 'node_modules'))) return directory;
  console.error(`installing ${folder} (bench/${folder}/package-lock.json)`);
  const outcome = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: directory, stdio: ['ignore', 'inherit', 'inherit'] });
  if (outcome.status !== 0) throw new Error(`npm install in bench/${folder} failed with exit code ${outcome.status}`);
  return directory;
}
