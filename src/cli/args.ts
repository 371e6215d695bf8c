import { parseArgs } from 'node:util';
import { UsageError, type CliCommand, type ParsedArgs } from './command';

/** Parses a command's arguments strictly: an unknown option or a missing value is a {@link UsageError}. */
export function parseCommandArgs(command: CliCommand, argv: readonly string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const option of command.options) options[option.name] = option.short === undefined ? { type: option.type } : { type: option.type, short: option.short };
  try {
    const parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error));
  }
}

/** A string option's value, or `undefined`. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A number option in `[min, max]` (whole when `integer`), or `fallback` when absent. */
export function numberOption(args: ParsedArgs, name: string, fallback: number, min: number, max: number, integer = false): number {
  const text = stringOption(args, name);
  if (text === undefined) return fallback;
  const value = Number(text.replace(/_/g, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} ${JSON.stringify(text)} is invalid: expected ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

/** A port option (1-65535), or `fallback`. */
export function portOption(args: ParsedArgs, name: string, fallback: number): number {
  return numberOption(args, name, fallback, 0, 65_535, true);
}
