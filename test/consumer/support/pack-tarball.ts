import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { runNpm } from './npm';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the packed otel-bootstrap tarball the consumer projects install. */
    otelBootstrapTarball: string;
  }
}

const REPO_ROOT = join(__dirname, '..', '..', '..');
const BUILT = ['core.cjs', 'index.cjs', 'index.mjs', 'register.cjs', 'register.mjs', 'testing.cjs', 'testing.mjs', 'index.d.ts', 'index.d.mts'];

/**
 * Global setup of the consumer tests: packs the built package with `npm pack` into a temporary
 * directory outside the repository, as a release would publish it, and removes it afterwards.
 */
export default async function packTarball(project: TestProject): Promise<() => Promise<void>> {
  const missing = BUILT.filter((file) => !existsSync(join(REPO_ROOT, 'dist', file)));
  if (missing.length > 0) throw new Error(`dist/ is not built: run "npm run test:consumer", which builds first (missing ${missing.join(', ')}).`);
  const directory = await mkdtemp(join(tmpdir(), 'otel-bootstrap-pack-'));
  const packed = await runNpm(['pack', '--json', '--pack-destination', directory], REPO_ROOT);
  if (packed.code !== 0) throw new Error(`npm pack failed (exit ${packed.code}):\n${packed.stderr}`);
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  const tarball = join(directory, filename);
  if (!existsSync(tarball)) throw new Error(`npm pack reported ${filename}, which is not in ${directory}`);
  project.provide('otelBootstrapTarball', tarball);
  return () => rm(directory, { recursive: true, force: true });
}
