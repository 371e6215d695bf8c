import type { CliCommand } from './command';

/** The tool's name as users type it. */
export const TOOL = 'otel-bootstrap';

/** The general help: every command with one line, and where to read more. */
export function generalHelp(commands: readonly CliCommand[], version: string): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `${TOOL} ${version}: see traces without a backend, check a tracing setup, size trace storage.`,
    '',
    `usage: ${TOOL} <command> [options]`,
    '',
    'commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    `  ${'help'.padEnd(width)}  this text, or \`${TOOL} help <command>\` for one command`,
    '',
    'options:',
    '  --help, -h     help (also after any command: `otel-bootstrap ui --help`)',
    '  --version, -v  the version of otel-bootstrap',
    '',
    'examples:',
    `  npx ${TOOL} ui`,
    `  npx ${TOOL} doctor --json`,
    `  npx ${TOOL} help capacity`,
    '',
  ].join('\n');
}

/** The help of one command: usage, description, options and examples. */
export function commandHelp(command: CliCommand): string {
  const optionNames = command.options.map((option) => `--${option.name}${option.value === undefined ? '' : ` ${option.value}`}${option.short === undefined ? '' : `, -${option.short}`}`);
  const width = Math.max(12, ...optionNames.map((name) => name.length));
  return [
    `usage: ${TOOL} ${command.name}${command.positionals === undefined ? '' : ` ${command.positionals}`} [options]`,
    '',
    command.summary,
    '',
    ...wrap(command.description, 96),
    '',
    'options:',
    ...command.options.map((option, index) => `  ${(optionNames[index] as string).padEnd(width)}  ${option.description}`),
    `  ${'--help, -h'.padEnd(width)}  this help`,
    '',
    'examples:',
    ...command.examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line !== '' && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
  }
  return lines;
}
