/**
 * Every TypeScript block of docs/migration.md, compiled by tsc against the built package (imported
 * by name, as users import it) and run with Node: each must exit 0 and print what its
 * `console.log(...); // expected` comments say. The page's sections that the migration needs must
 * each hold at least one such block.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanEnv, REPO_ROOT } from './support/service-process';

const run = promisify(execFile);
const GUIDE = join(REPO_ROOT, 'docs', 'migration.md');
const OUT = join(REPO_ROOT, 'test', 'fixtures', 'migration-guide', 'out');
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

interface Snippet {
  index: number;
  section: string;
  source: string;
  /** What the `console.log(...); // text` lines say they print, in order. */
  expected: string[];
}

function snippets(markdown: string): Snippet[] {
  const found: Snippet[] = [];
  let section = '';
  const fence = /^(#{2,3}) (.+)$|^```ts\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) {
    if (match[2] !== undefined) {
      section = match[2];
      continue;
    }
    const source = match[3] as string;
    const expected = [...source.matchAll(/console\.log\(.*\); \/\/ (.+)$/gm)].map((line) => line[1] as string);
    found.push({ index: found.length + 1, section, source, expected });
  }
  return found;
}

const guide = readFileSync(GUIDE, 'utf8');
const blocks = snippets(guide);
const fileOf = (snippet: Snippet): string => `snippet-${String(snippet.index).padStart(2, '0')}`;

beforeAll(async () => {
  assertBuilt();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const snippet of blocks) writeFileSync(join(OUT, `${fileOf(snippet)}.mts`), snippet.source);
  writeFileSync(
    join(OUT, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: ['node'], rootDir: '.', outDir: 'js' },
      include: ['*.mts'],
    }),
  );
  try {
    await run(process.execPath, [TSC, '-p', OUT], { cwd: REPO_ROOT });
  } catch (error) {
    throw new Error(`the TypeScript blocks of docs/migration.md do not compile:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
  }
}, 120_000);

describe('docs/migration.md', () => {
  it.each([
    'Tracer setup and configuration',
    'Keeping OpenTracing code: the bridge',
    'Active spans and scopes',
    'Tracing functions: the `TracingManager` and `trace_method` of the write-up',
    "Server side: extract the caller's context",
    'Client side: inject into HTTP headers and text maps',
    'Error tagging',
    'Log events',
    'Spans with explicit timestamps: load balancer logs',
    'Sampler settings',
    'The Prometheus metrics factory',
    'Unit tests: `MockTracer`',
  ])('section "%s" has a before and an after in TypeScript', (section) => {
    const start = guide.indexOf(`## ${section}\n`);
    expect(start, section).toBeGreaterThanOrEqual(0);
    const next = guide.indexOf('\n## ', start + 3);
    const body = guide.slice(start, next === -1 ? undefined : next);
    expect(body).toMatch(/```(js|bash)\n/);
    expect(blocks.some((snippet) => snippet.section === section)).toBe(true);
  });

  it.each(blocks.map((snippet) => [`${snippet.index} (${snippet.section})`, snippet] as const))('TypeScript block %s runs', async (_name, snippet) => {
    const { stdout } = await run(process.execPath, [join(OUT, 'js', `${fileOf(snippet)}.mjs`)], { cwd: OUT, env: cleanEnv({}), timeout: 30_000 });
    const lines = stdout.split('\n');
    let from = 0;
    for (const expected of snippet.expected) {
      const at = lines.indexOf(expected, from);
      expect(at, `"${expected}" in the output of block ${snippet.index}:\n${stdout}`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  });
});
