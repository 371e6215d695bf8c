import { describeConfig } from '../../config/describe';
import { describeJaegerClientSources } from '../../config/jaeger-client-env';
import { resolveConfig } from '../../config/resolve';
import { findAppPackage } from '../../resource/find-app-package';
import { ExitCode, type CliCommand } from '../command';

export const configCommand: CliCommand = {
  name: 'config',
  summary: 'print the resolved, redacted tracing configuration for this environment',
  description:
    'Resolves the configuration the way init() and the register entry do in this directory and environment (OTEL_* variables, NODE_ENV, the package.json found here) and prints it as JSON, with header values, passwords, URL credentials and secret-looking query values redacted. Values filled from the JAEGER_* variables of jaeger-client are listed under fromJaegerVariables. Warnings about invalid environment values go to stderr. `doctor` shows where each value comes from and checks the exporters.',
  options: [],
  examples: ['npx otel-bootstrap config', 'NODE_ENV=production OTEL_SERVICE_NAME=orders npx otel-bootstrap config'],
  run(_args, io) {
    const { config, warnings, jaegerClientSources } = resolveConfig({}, io.env, findAppPackage(`${io.cwd}/index.js`));
    for (const warning of warnings) io.stderr(`${warning}\n`);
    const summary = describeConfig(config);
    // Settings that jaeger-client's JAEGER_* variables filled are named, so a migration can be checked.
    const printed = jaegerClientSources.length === 0 ? summary : { ...summary, fromJaegerVariables: describeJaegerClientSources(jaegerClientSources) };
    io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
    return Promise.resolve(ExitCode.ok);
  },
};
