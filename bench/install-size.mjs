// `npm run bench:install-size`: what installing otel-bootstrap brings into an application, against
// the official register (`@opentelemetry/auto-instrumentations-node` with `@opentelemetry/sdk-node`,
// which its register entry needs). Each set is installed into its own empty project with plain
// `npm install`; npm's cache makes repeated runs fast. Measured: packages under node_modules and
// their size, as disk usage (allocated blocks, what `du` shows) and as file bytes.
//
// Knobs: INSTALL_SIZE_OUTPUT (file for the report, default BENCHMARKS.md; `none` writes nothing).
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = process.env.INSTALL_SIZE_OUTPUT ?? 'BENCHMARKS.md';
const SECTION_START = '<!-- install-size:start -->';
const SECTION_END = '<!-- install-size:end -->';
/** The share of the official register's install the default install may take, in bytes and in packages. */
const TARGET_SHARE = 0.25;

if (!existsSync(join(root, 'dist', 'core.cjs'))) {
  console.error('dist/ is missing: run `npm run bench:install-size`, which builds first');
  process.exit(1);
}

/** npm with the user's configuration only: not the variables of the npm script running this file. */
function npm(args, cwd) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE_ENV'));
  env.PATH = [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** Disk usage (allocated blocks, each inode once) and file bytes of everything under `directory`. */
function measureTree(directory) {
  const seen = new Set();
  let diskBytes = 0;
  let fileBytes = 0;
  const pending = [directory];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    const stats = lstatSync(current);
    if (seen.has(stats.ino)) continue;
    seen.add(stats.ino);
    diskBytes += stats.blocks * 512;
    if (stats.isFile()) fileBytes += stats.size;
    if (stats.isDirectory()) for (const entry of readdirSync(current)) pending.push(join(current, entry));
  }
  return { diskBytes, fileBytes };
}

/** Packages npm installed, from its record of the tree (node_modules/.package-lock.json). */
function installedPackages(project) {
  const lock = JSON.parse(readFileSync(join(project, 'node_modules', '.package-lock.json'), 'utf8'));
  return Object.keys(lock.packages).filter((location) => location.startsWith('node_modules/'));
}

function install(workspace, label, dependencies) {
  const project = mkdtempSync(join(workspace, 'project-'));
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'install-size', version: '1.0.0', private: true, dependencies }, null, 2)}\n`);
  npm(['install', '--no-audit', '--no-fund'], project);
  const packages = installedPackages(project);
  const { diskBytes, fileBytes } = measureTree(join(project, 'node_modules'));
  const versions = Object.fromEntries(
    Object.keys(dependencies).map((name) => [name, JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8')).version]),
  );
  console.error(`${label}: ${packages.length} packages, ${mb(diskBytes)} on disk`);
  return { label, packages: packages.length, diskBytes, fileBytes, versions };
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const share = (part, whole) => `${((100 * part) / whole).toFixed(1)} %`;

const started = Date.now();
const workspace = mkdtempSync(join(tmpdir(), 'otel-bootstrap-install-size-'));
let rows;
try {
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', workspace], root));
  const tarball = `file:${join(workspace, packed[0].filename)}`;
  const official = { '@opentelemetry/auto-instrumentations-node': 'latest', '@opentelemetry/sdk-node': 'latest' };
  rows = {
    ours: install(workspace, 'otel-bootstrap + express 5', { 'otel-bootstrap': tarball, express: '^5' }),
    official: install(workspace, 'official register + express 5', { ...official, express: '^5' }),
    oursAlone: install(workspace, 'otel-bootstrap alone', { 'otel-bootstrap': tarball }),
    officialAlone: install(workspace, 'official register alone', official),
    express: install(workspace, 'express 5 alone', { express: '^5' }),
  };
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
const seconds = Math.round((Date.now() - started) / 1000);

const { ours, official, oursAlone, officialAlone, express } = rows;
const packageShare = ours.packages / official.packages;
const diskShare = ours.diskBytes / official.diskBytes;
const met = packageShare <= TARGET_SHARE && diskShare <= TARGET_SHARE;
const npmVersion = npm(['--version'], root).trim();
const row = (r, what) => `| ${r.label} | ${what} | ${r.packages} | ${mb(r.diskBytes)} | ${mb(r.fileBytes)} |`;
const officialVersions = `auto-instrumentations-node ${official.versions['@opentelemetry/auto-instrumentations-node']}, sdk-node ${official.versions['@opentelemetry/sdk-node']}`;

const section = `${SECTION_START}
## Install size: the default install against the official register

Command: \`npm run bench:install-size\` (builds, packs the package with \`npm pack\`, installs each
set into its own empty project with plain \`npm install\` and measures its \`node_modules\`; ${seconds} s
for this run). npm ${npmVersion}, Node.js ${process.version}, ${process.platform}/${process.arch}.
"On disk" is allocated space, as \`du\` counts it; "file bytes" is the sum of file sizes.
Packages are the entries of npm's record of the installed tree.

| installed into an empty project | versions | packages | on disk | file bytes |
| --- | --- | --- | --- | --- |
${row(ours, `otel-bootstrap ${ours.versions['otel-bootstrap']}, express ${ours.versions.express}`)}
${row(official, `${officialVersions}, express ${official.versions.express}`)}
${row(oursAlone, `otel-bootstrap ${oursAlone.versions['otel-bootstrap']}`)}
${row(officialAlone, officialVersions)}
${row(express, `express ${express.versions.express}`)}

The default install is otel-bootstrap and its one peer, \`@opentelemetry/api\`
(${oursAlone.packages} packages, ${mb(oursAlone.diskBytes)}); the official instrumentations, the OTLP/gRPC and
Jaeger Thrift exporters are optional peers installed only by those who choose them.

| target | otel-bootstrap + express 5 | official register + express 5 | share | target share | met |
| --- | --- | --- | --- | --- | --- |
| packages | ${ours.packages} | ${official.packages} | ${share(ours.packages, official.packages)} | ≤ ${TARGET_SHARE * 100} % | ${packageShare <= TARGET_SHARE ? 'yes' : 'no'} |
| on disk | ${mb(ours.diskBytes)} | ${mb(official.diskBytes)} | ${share(ours.diskBytes, official.diskBytes)} | ≤ ${TARGET_SHARE * 100} % | ${diskShare <= TARGET_SHARE ? 'yes' : 'no'} |

Without express, otel-bootstrap takes ${share(oursAlone.packages, officialAlone.packages)} of the official register's packages and
${share(oursAlone.diskBytes, officialAlone.diskBytes)} of its disk space.
${SECTION_END}`;

console.log(section);
if (OUTPUT !== 'none') {
  const file = resolve(root, OUTPUT);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const begin = current.indexOf(SECTION_START);
  const finish = current.indexOf(SECTION_END);
  const next =
    begin !== -1 && finish > begin ? `${current.slice(0, begin)}${section}${current.slice(finish + SECTION_END.length)}` : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  console.error(`wrote ${OUTPUT}`);
}
if (!met) console.error(`install-size target missed: packages ${share(ours.packages, official.packages)}, disk ${share(ours.diskBytes, official.diskBytes)} of the official register's (target ≤ ${TARGET_SHARE * 100} %)`);
process.exit(met ? 0 : 1);
