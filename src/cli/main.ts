#!/usr/bin/env node
/** The `otel-bootstrap` command: `ui`, `view`, `doctor`, `capacity`, `config`. */
import { version } from '../../package.json';
import { COMMANDS } from './commands';
import { runCli } from './run-cli';

runCli(process.argv.slice(2), COMMANDS, version, {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  interactive: process.stderr.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`otel-bootstrap: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
