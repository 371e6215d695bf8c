import { parseCommandArgs } from './args';
import { ExitCode, UsageError, type CliCommand, type CliIo } from './command';
import { commandHelp, generalHelp, TOOL } from './help';

/**
 * Runs one invocation: `--version`, `help [command]`, `<command> --help`, or a command.
 * Help asked for goes to stdout with exit 0; a wrong command or option goes to stderr with exit 2.
 */
export async function runCli(argv: readonly string[], commands: readonly CliCommand[], version: string, io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(generalHelp(commands, version));
    return ExitCode.usage;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    io.stdout(`${version}\n`);
    return ExitCode.ok;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout(generalHelp(commands, version));
      return ExitCode.ok;
    }
    const command = commands.find((candidate) => candidate.name === topic);
    if (command === undefined) return unknownCommand(topic, commands, version, io);
    io.stdout(commandHelp(command));
    return ExitCode.ok;
  }
  const command = commands.find((candidate) => candidate.name === first);
  if (command === undefined) return unknownCommand(first, commands, version, io);
  try {
    const args = parseCommandArgs(command, rest);
    if (args.values.help === true) {
      io.stdout(commandHelp(command));
      return ExitCode.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${TOOL} ${command.name}: ${error.message}\nrun \`${TOOL} ${command.name} --help\` for its options.\n`);
    return ExitCode.usage;
  }
}

function unknownCommand(name: string, commands: readonly CliCommand[], version: string, io: CliIo): number {
  io.stderr(`${TOOL}: unknown command ${JSON.stringify(name)}.\n\n${generalHelp(commands, version)}`);
  return ExitCode.usage;
}
