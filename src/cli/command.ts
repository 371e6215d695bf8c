/** The shape every `otel-bootstrap` command has: its help text and what it runs. */

/** Where a command writes, and what it reads from its surroundings. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stderr is a terminal (progress is redrawn in place there). */
  interactive: boolean;
}

/** One option as `--help` shows it and `parseArgs` reads it. */
export interface CliOption {
  name: string;
  type: 'string' | 'boolean';
  /** Placeholder of the value in help, e.g. `<port>`. */
  value?: string;
  description: string;
  short?: string;
}

/** A sub-command. */
export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Positional arguments as help shows them, e.g. `<file>`. */
  positionals?: string;
  /** What the command does, in a few sentences. */
  description: string;
  options: readonly CliOption[];
  examples: readonly string[];
  /** Runs the command; resolves with the exit code. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Options and positionals after parsing. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** A mistake in how the command was called: reported on stderr with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes shared by the commands. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;
