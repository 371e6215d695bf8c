import { describe, expect, it } from 'vitest';
import { UsageError, type CliCommand, type CliIo } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/run-cli';

function io(): CliIo & { out: string; err: string } {
  const state = {
    out: '',
    err: '',
    stdout: (text: string) => void (state.out += text),
    stderr: (text: string) => void (state.err += text),
    env: {},
    cwd: '/',
    interactive: false,
  };
  return state;
}

const ran: string[][] = [];
const echo: CliCommand = {
  name: 'echo',
  summary: 'prints its arguments',
  description: 'Prints them.',
  options: [{ name: 'loud', type: 'boolean', description: 'upper case' }, { name: 'times', type: 'string', value: '<n>', description: 'repeat' }],
  examples: ['otel-bootstrap echo hi --loud'],
  run(args, cli) {
    ran.push(args.positionals);
    if (args.positionals[0] === 'bad') throw new UsageError('bad is not allowed');
    cli.stdout(`${args.values.loud === true ? args.positionals.join(' ').toUpperCase() : args.positionals.join(' ')}\n`);
    return Promise.resolve(0);
  },
};

describe('command line', () => {
  it('prints the version on stdout with exit 0', async () => {
    const cli = io();
    expect(await runCli(['--version'], [echo], '1.2.3', cli)).toBe(0);
    expect(cli.out).toBe('1.2.3\n');
  });

  it('help lists every command; help <command> and <command> --help print that command with its examples', async () => {
    const general = io();
    expect(await runCli(['help'], [echo], '1', general)).toBe(0);
    expect(general.out).toMatch(/echo\s+prints its arguments/);
    for (const argv of [['help', 'echo'], ['echo', '--help'], ['echo', '-h']]) {
      const cli = io();
      expect(await runCli(argv, [echo], '1', cli)).toBe(0);
      expect(cli.out).toContain('usage: otel-bootstrap echo');
      expect(cli.out).toContain('--times <n>');
      expect(cli.out).toContain('otel-bootstrap echo hi --loud');
    }
    expect(ran).toEqual([]);
  });

  it('an unknown command, an unknown option or a usage error goes to stderr with exit 2', async () => {
    for (const argv of [['frobnicate'], ['help', 'frobnicate'], ['echo', '--nope'], ['echo', 'bad'], []]) {
      const cli = io();
      expect(await runCli(argv, [echo], '1', cli), argv.join(' ')).toBe(2);
      expect(cli.out).toBe('');
      expect(cli.err).not.toBe('');
    }
  });

  it('runs a command with its options', async () => {
    const cli = io();
    expect(await runCli(['echo', 'hi', 'there', '--loud'], [echo], '1', cli)).toBe(0);
    expect(cli.out).toBe('HI THERE\n');
  });
});
