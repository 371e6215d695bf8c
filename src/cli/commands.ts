import type { CliCommand } from './command';
import { capacityCommand } from './commands/capacity';
import { configCommand } from './commands/config';
import { doctorCommand } from './commands/doctor';
import { uiCommand } from './commands/ui';
import { viewCommand } from './commands/view';

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly CliCommand[] = [uiCommand, viewCommand, doctorCommand, capacityCommand, configCommand];
