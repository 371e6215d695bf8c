import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { invalidEnvWarning } from '../../src/config/warnings';
import { assertBuilt, REPO_ROOT, startService } from './support/service-process';

const CLI = join(REPO_ROOT, 'dist', 'cli.cjs');

describe('otel-bootstrap config', () => {
  beforeAll(() => assertBuilt());

  it('prints the resolved configuration with secrets redacted, and environment warnings on stderr', async () => {
    const cli = await startService([CLI, 'config'], {
      NODE_ENV: 'production',
      OTEL_SERVICE_NAME: 'cli-check',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://user:hunter2@collector.example:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=top-secret',
      OTEL_BSP_MAX_QUEUE_SIZE: 'lots',
    }, false);
    const { code } = await cli.exited;
    expect(code).toBe(0);
    const printed = JSON.parse(cli.stdout()) as { profile: string; serviceName: string; sampler: string; otlp: { url: string; headers: Record<string, string> } };
    expect(printed).toMatchObject({ profile: 'production', serviceName: 'cli-check', sampler: 'parentbased_traceidratio (0.01)' });
    expect(printed.otlp.headers).toEqual({ 'x-api-key': '[REDACTED]' });
    expect(cli.stdout()).not.toContain('hunter2');
    expect(cli.stdout()).not.toContain('top-secret');
    expect(cli.stderr().trim()).toBe(invalidEnvWarning('OTEL_BSP_MAX_QUEUE_SIZE', 'lots', 'a whole number from 1 to 10000000', '2048'));
  });

  it('shows which values came from jaeger-client JAEGER_* variables', async () => {
    const cli = await startService([CLI, 'config'], {
      NODE_ENV: 'production',
      JAEGER_SERVICE_NAME: 'from-jaeger',
      JAEGER_AGENT_HOST: '127.0.0.1',
      JAEGER_SAMPLER_TYPE: 'probabilistic',
      JAEGER_SAMPLER_PARAM: '0.5',
      OTEL_PROPAGATORS: 'tracecontext',
    }, false);
    const { code } = await cli.exited;
    expect(code).toBe(0);
    const printed = JSON.parse(cli.stdout()) as Record<string, unknown>;
    expect(printed).toMatchObject({ serviceName: 'from-jaeger', sampler: 'parentbased_traceidratio (0.5)', exporters: ['jaeger'], propagators: ['tracecontext'] });
    expect(printed.fromJaegerVariables).toEqual({
      serviceName: 'JAEGER_SERVICE_NAME',
      'jaeger.agent': 'JAEGER_AGENT_HOST',
      exporters: 'JAEGER_AGENT_HOST',
      sampler: 'JAEGER_SAMPLER_TYPE, JAEGER_SAMPLER_PARAM',
    });
    expect(cli.stderr()).toBe('');
  });

  it('prints the usage on stderr and exits 2 for an unknown command', async () => {
    const cli = await startService([CLI, 'frobnicate'], {}, false);
    const { code } = await cli.exited;
    expect(code).toBe(2);
    expect(cli.stdout()).toBe('');
    expect(cli.stderr()).toContain('unknown command "frobnicate"');
    expect(cli.stderr()).toContain('usage: otel-bootstrap <command> [options]');
  });
});

describe('otel-bootstrap help and version', () => {
  beforeAll(() => assertBuilt());
  const run = async (...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> => {
    const cli = await startService([CLI, ...args], {}, false);
    const { code } = await cli.exited;
    return { code, stdout: cli.stdout(), stderr: cli.stderr() };
  };

  it('--version prints the package version with exit 0', async () => {
    const { version } = require('../../package.json') as { version: string };
    for (const flag of ['--version', '-v']) expect(await run(flag)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('help and --help list every command on stdout with exit 0', async () => {
    for (const flag of ['help', '--help', '-h']) {
      const { code, stdout, stderr } = await run(flag);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      for (const command of ['ui', 'view', 'doctor', 'capacity', 'config']) expect(stdout).toMatch(new RegExp(`^ {2}${command} +\\S`, 'm'));
    }
  });

  it('every command has help with examples, from `help <command>` and `<command> --help`, and runs nothing', async () => {
    for (const command of ['ui', 'view', 'doctor', 'capacity', 'config']) {
      for (const args of [['help', command], [command, '--help']]) {
        const { code, stdout, stderr } = await run(...args);
        expect(code, args.join(' ')).toBe(0);
        expect(stderr).toBe('');
        expect(stdout).toContain(`usage: otel-bootstrap ${command}`);
        expect(stdout).toMatch(/examples:\n {2}\S/);
      }
    }
    // config --help prints help, not the configuration.
    expect((await run('config', '--help')).stdout).not.toContain('"profile"');
  });

  it('an unknown option or no command goes to stderr with exit 2', async () => {
    const unknownOption = await run('config', '--frobnicate');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("Unknown option '--frobnicate'");
    expect(unknownOption.stdout).toBe('');
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: otel-bootstrap <command>');
  });
});
