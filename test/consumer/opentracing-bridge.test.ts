/**
 * otel-bootstrap/opentracing as an application gets it: the packed tarball installed beside the
 * latest `opentracing`, a TypeScript program compiled by tsc 5 and 7 in both module systems with
 * the library types checked, run and exported to an in-process OTLP receiver.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from '../integration/support/otlp-receiver';
import { REPO_ROOT, startService } from '../integration/support/service-process';
import { installConsumerProject, otelBootstrapTarball, type ConsumerProject } from './support/consumer-project';

const run = promisify(execFile);
const PROGRAM = join(REPO_ROOT, 'test', 'fixtures', 'consumer-typescript', 'opentracing-bridge.ts');
const COMPILERS = [
  { major: '5', entry: join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc') },
  { major: '7', entry: join(REPO_ROOT, 'node_modules', 'typescript7', 'bin', 'tsc') },
] as const;

const MODULE_KINDS = [
  { type: 'commonjs', module: 'node16', declarations: 'opentracing.d.ts' },
  { type: 'module', module: 'nodenext', declarations: 'opentracing.d.mts' },
] as const;

describe.each(MODULE_KINDS)('the OpenTracing bridge in a "type": "$type" TypeScript project', ({ type, module, declarations }) => {
  let project: ConsumerProject;
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    project = await installConsumerProject(
      `opentracing-${type}`,
      { type, dependencies: { 'otel-bootstrap': otelBootstrapTarball(), opentracing: 'latest', '@types/node': '^24' } },
      { 'main.ts': PROGRAM },
    );
  });
  afterAll(async () => {
    await receiver?.close();
    await project?.remove();
  });

  it.each(COMPILERS)('compiles with tsc $major against the installed declarations and shares one trace with OpenTelemetry code', async ({ major, entry }) => {
    const tsconfig = `tsconfig.ts${major}.json`;
    const outDir = `out-ts${major}`;
    writeFileSync(
      join(project.directory, tsconfig),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module, moduleResolution: module, strict: true, skipLibCheck: false, types: ['node'], rootDir: '.', outDir }, files: ['main.ts'] }),
    );
    const { stdout: listed } = await run(process.execPath, [entry, '-p', tsconfig, '--listFiles'], { cwd: project.directory, maxBuffer: 16 * 1024 * 1024 });
    expect(listed).toContain(`node_modules/otel-bootstrap/dist/${declarations}`);

    const serviceName = `opentracing-${type}-ts${major}`;
    const program = await startService(
      [join(project.directory, outDir, 'main.js')],
      { SERVICE: serviceName, NODE_ENV: 'production', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
      false,
      { cwd: project.directory },
    );
    expect(await program.exited, program.stderr()).toEqual({ code: 0, signal: null });
    const printed = JSON.parse(program.stdout()) as { headers: string[]; traceId: string };
    expect(printed.headers).toEqual(['traceparent', 'uber-trace-id']);
    const spans = await receiver.waitForSpans(2, 10_000, (span) => span.resource['service.name'] === serviceName);
    const parent = spans.find((span) => span.name === 'ot-parent');
    const child = spans.find((span) => span.name === 'otel-child');
    expect(parent?.traceId).toBe(printed.traceId);
    expect(parent?.attributes).toMatchObject({ 'order.id': 7 });
    expect(parent?.kind).toBe(2); // SERVER, from the span.kind tag
    expect(child?.parentSpanId).toBe(parent?.spanId);
  });
});
