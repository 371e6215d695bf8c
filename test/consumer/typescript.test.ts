import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInventoryOutput, type PrintedInventory } from '../integration/support/inventory-output';
import { startOtlpReceiver, type OtlpReceiver } from '../integration/support/otlp-receiver';
import { REPO_ROOT, startService } from '../integration/support/service-process';
import { installConsumerProject, otelBootstrapTarball, type ConsumerProject } from './support/consumer-project';

const run = promisify(execFile);

/** The repository's two TypeScript compilers: 5.x as `typescript`, 7.x installed as `typescript7`. */
const COMPILERS = [
  { name: 'tsc 5', major: '5', entry: join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc') },
  { name: 'tsc 7', major: '7', entry: join(REPO_ROOT, 'node_modules', 'typescript7', 'bin', 'tsc') },
] as const;

const DECORATOR_MODES = [
  { mode: 'standard', experimentalDecorators: false, helper: '__esDecorate' },
  { mode: 'legacy', experimentalDecorators: true, helper: '__decorate(' },
] as const;

const MODULE_KINDS = [
  { type: 'commonjs', module: 'node16', declarations: '.d.ts', otherDeclarations: '.d.mts', emittedRegister: 'require("otel-bootstrap/register")' },
  { type: 'module', module: 'nodenext', declarations: '.d.mts', otherDeclarations: '.d.ts', emittedRegister: "import 'otel-bootstrap/register'" },
] as const;

const DECORATED_PROGRAM = join(REPO_ROOT, 'test', 'fixtures', 'decorators-standard', 'main.ts');
const REGISTERED_PROGRAM = join(REPO_ROOT, 'test', 'fixtures', 'consumer-typescript', 'registered.ts');

describe.each(MODULE_KINDS)('TypeScript consumer of the installed package, "type": "$type", module $module', ({ type, module, declarations, otherDeclarations, emittedRegister }) => {
  let project: ConsumerProject;
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    project = await installConsumerProject(
      `typescript-${type}`,
      { type, dependencies: { 'otel-bootstrap': otelBootstrapTarball(), '@types/node': '^24' } },
      { 'main.ts': DECORATED_PROGRAM, 'registered.ts': REGISTERED_PROGRAM },
    );
  });
  afterAll(async () => {
    await receiver?.close();
    await project?.remove();
  });

  /** Writes a tsconfig for one compiler and decorator mode, compiles both programs and returns the output directory and the files the compiler read. */
  async function compile(compiler: (typeof COMPILERS)[number], decorators: (typeof DECORATOR_MODES)[number]): Promise<{ outDir: string; listed: string }> {
    const outDir = join('out', `ts${compiler.major}-${decorators.mode}`);
    const tsconfig = `tsconfig.ts${compiler.major}-${decorators.mode}.json`;
    const compilerOptions = {
      target: 'ES2022',
      module,
      moduleResolution: module,
      strict: true,
      skipLibCheck: false,
      ...(decorators.experimentalDecorators ? { experimentalDecorators: true } : {}),
      types: ['node'],
      rootDir: '.',
      outDir,
    };
    writeFileSync(join(project.directory, tsconfig), `${JSON.stringify({ compilerOptions, files: ['main.ts', 'registered.ts'] }, null, 2)}\n`);
    const { stdout } = await run(process.execPath, [compiler.entry, '-p', tsconfig, '--listFiles'], { cwd: project.directory, maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stdout?: string; message: string }) => {
        throw new Error(`${compiler.name} failed on ${tsconfig}:\n${error.stdout ?? error.message}`);
      },
    );
    return { outDir: join(project.directory, outDir), listed: stdout };
  }

  for (const compiler of COMPILERS) {
    for (const decorators of DECORATOR_MODES) {
      it(`${compiler.name}, ${decorators.mode} decorators: strict, library types checked, ${declarations} declarations of all three entries; @traceMethod() records its spans`, async () => {
        const { outDir, listed } = await compile(compiler, decorators);
        for (const entry of ['index', 'testing', 'register']) {
          expect(listed).toContain(`node_modules/otel-bootstrap/dist/${entry}${declarations}`);
          expect(listed).not.toContain(`node_modules/otel-bootstrap/dist/${entry}${otherDeclarations}`);
        }
        expect(readFileSync(join(outDir, 'registered.js'), 'utf8')).toContain(emittedRegister);
        expect(readFileSync(join(outDir, 'main.js'), 'utf8')).toContain(decorators.helper);

        const { stdout } = await run(process.execPath, [join(outDir, 'main.js')], { cwd: project.directory, env: { PATH: process.env.PATH ?? '' } });
        expectInventoryOutput(JSON.parse(stdout) as PrintedInventory);

        const serviceName = `typescript-${type}-ts${compiler.major}-${decorators.mode}`;
        const registered = await startService(
          [join(outDir, 'registered.js')],
          { OTEL_SERVICE_NAME: serviceName, NODE_ENV: 'production', OTEL_TRACES_SAMPLER: 'always_on', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
          false,
          { cwd: project.directory },
        );
        expect(await registered.exited, registered.stderr()).toEqual({ code: 0, signal: null });
        expect(JSON.parse(registered.stdout())).toEqual({ total: 42, serviceName });
        const [checkout] = await receiver.waitForSpans(1, 10_000, (span) => span.resource['service.name'] === serviceName);
        expect(checkout?.name).toBe('checkout');
        expect(checkout?.attributes).toMatchObject({ 'cart.items': 2, 'cart.total': 42 });
      });
    }
  }
});
