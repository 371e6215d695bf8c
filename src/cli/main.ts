#!/usr/bin/env node
/** `otel-bootstrap config`: prints the configuration this environment resolves to, redacted. */
import { describeConfig } from '../config/describe';
import { resolveConfig } from '../config/resolve';
import { findAppPackage } from '../resource/find-app-package';

function main(argv: readonly string[]): number {
  const command = argv[0] ?? 'help';
  if (command === 'config') {
    const { config, warnings } = resolveConfig({}, process.env, findAppPackage(process.cwd() + '/index.js'));
    for (const warning of warnings) process.stderr.write(`${warning}\n`);
    process.stdout.write(`${JSON.stringify(describeConfig(config), null, 2)}\n`);
    return 0;
  }
  process.stdout.write('usage: otel-bootstrap config   print the resolved, redacted tracing configuration for this environment\n');
  return command === 'help' || command === '--help' ? 0 : 2;
}

process.exitCode = main(process.argv.slice(2));
