import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { inject } from 'vitest';
import { runNpm } from './npm';

/** One package in a consumer project's `node_modules`, from npm's hidden lockfile. */
export interface InstalledPackage {
  /** Where it lies, e.g. `node_modules/express` or `node_modules/a/node_modules/b`. */
  location: string;
  name: string;
  version: string;
  dependencies: string[];
}

/** A fresh project outside the repository with its dependencies installed by plain `npm install`. */
export interface ConsumerProject {
  directory: string;
  /** What `npm install` printed on stdout and stderr. */
  installLog: string;
  /** Every package under `node_modules`. */
  packages(): InstalledPackage[];
  /** The version of the top-level copy of `name`. */
  versionOf(name: string): string | undefined;
  remove(): Promise<void>;
}

export interface ConsumerManifest {
  type?: 'commonjs' | 'module';
  /** Name -> spec; `latest` is written as `^<latest version>`, as `npm install <name>` records it. */
  dependencies: Record<string, string>;
}

/**
 * What npm prints when peer dependencies do not fit (a hard `ERESOLVE` error, or the warnings it
 * gives when it overrides a peer dependency to make the tree fit) and when a package's `engines`
 * do not accept the running Node.js.
 */
export const INSTALL_PROBLEM = /ERESOLVE|peer dep|Conflicting peer|Could not resolve dependency|invalid peer|EBADENGINE/i;

/** The dependency spec that installs the tarball the consumer tests packed. */
export function otelBootstrapTarball(): string {
  return `file:${inject('otelBootstrapTarball')}`;
}

/**
 * Creates a project in a new temporary directory: writes its package.json, copies `files` into it
 * (name in the project -> source path) and runs plain `npm install` (no `--legacy-peer-deps`, no
 * `--force`). Fails when the install fails, when npm reports a peer conflict or an unsupported
 * engine, or when `npm ls --all` finds the installed tree invalid.
 */
export async function installConsumerProject(name: string, manifest: ConsumerManifest, files: Record<string, string> = {}): Promise<ConsumerProject> {
  const directory = await mkdtemp(join(tmpdir(), `otel-bootstrap-consumer-${name}-`));
  try {
    const dependencies = Object.fromEntries(
      await Promise.all(Object.entries(manifest.dependencies).map(async ([dependency, spec]) => [dependency, spec === 'latest' ? `^${await latestVersion(dependency)}` : spec])),
    ) as Record<string, string>;
    writeFileSync(
      join(directory, 'package.json'),
      `${JSON.stringify({ name: `consumer-${name}`, version: '1.0.0', private: true, type: manifest.type ?? 'commonjs', dependencies }, null, 2)}\n`,
    );
    for (const [target, source] of Object.entries(files)) copyFileSync(source, join(directory, target));
    const install = await runNpm(['install', '--no-audit', '--no-fund'], directory);
    const installLog = `${install.stdout}\n${install.stderr}`;
    if (install.code !== 0) throw new Error(`npm install failed in ${basename(directory)} (exit ${install.code}):\n${installLog}`);
    const problem = INSTALL_PROBLEM.exec(installLog);
    if (problem !== null) throw new Error(`npm install in ${basename(directory)} reported "${problem[0]}":\n${installLog}`);
    const listed = await runNpm(['ls', '--all'], directory);
    if (listed.code !== 0) throw new Error(`npm ls --all finds the installed tree invalid in ${basename(directory)}:\n${listed.stdout}\n${listed.stderr}`);
    return {
      directory,
      installLog,
      packages: () => readInstalledPackages(directory),
      versionOf: (packageName) => readInstalledPackages(directory).find((entry) => entry.location === `node_modules/${packageName}`)?.version,
      remove: () => rm(directory, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

/** The version the `latest` tag of a package points at. */
async function latestVersion(name: string): Promise<string> {
  const viewed = await runNpm(['view', `${name}@latest`, 'version', '--json'], tmpdir());
  if (viewed.code !== 0) throw new Error(`npm view ${name}@latest failed (exit ${viewed.code}):\n${viewed.stderr}`);
  return JSON.parse(viewed.stdout) as string;
}

/** Reads `node_modules/.package-lock.json`, npm's record of what it installed. */
export function readInstalledPackages(directory: string): InstalledPackage[] {
  const lock = JSON.parse(readFileSync(join(directory, 'node_modules', '.package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; dependencies?: Record<string, string>; link?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([location]) => location.startsWith('node_modules/'))
    .map(([location, entry]) => ({
      location,
      name: location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: entry.version ?? '',
      dependencies: Object.keys(entry.dependencies ?? {}),
    }));
}

/** Names of `roots` and of every package they depend on, directly or not. */
export function dependencyClosure(packages: InstalledPackage[], roots: string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...roots];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    for (const entry of packages.filter((candidate) => candidate.name === name)) pending.push(...entry.dependencies);
  }
  return seen;
}
