#!/usr/bin/env node
/** `otel-bootstrap config`: prints the configuration this environment resolves to, redacted. */
import { describeConfig } from '../config/describe';
import { describeJaegerClientSources } from '../config/jaeger-client-env';
import { resolveConfig } from '../config/resolve';
import { findAppPackage } from '../resource/find-app-package';

function main(argv: readonly string[]): number {
  const command = argv[0] ?? 'help';
  if (command === 'config') {
    const { config, warnings, jaegerClientSources } = resolveConfig({}, process.env, findAppPackage(process.cwd() + '/index.js'));
    for (const warning of warnings) process.stderr.write(`${warning}\n`);
    const summary = describeConfig(config);
    const printed = jaegerClientSources.length === 0 ? summary : { ...summary, fromJaegerVariables: describeJaegerClientSources(jaegerClientSources) };
    process.stdout.write(`${JSON.stringify(printed, null, 2)}\n`);
    return 0;
  }
  process.stdout.write('usage: otel-bootstrap config   print the resolved, redacted tracing configuration for this environment\n');
  return command === 'help' || command === '--help' ? 0 : 2;
}

process.exitCode = main(process.argv.slice(2));
