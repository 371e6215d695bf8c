import { describeSource } from '../../config/sources';
import { findAppPackage } from '../../resource/find-app-package';
import { numberOption, stringOption } from '../args';
import { ExitCode, type CliCommand } from '../command';
import { runDoctor, type DoctorReport } from '../doctor/run-doctor';
import type { DoctorStep } from '../doctor/step';

const MARKS: Record<DoctorStep['status'], string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', skip: '-   ' };

/** The report as people read it. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines = ['configuration (value, then where it comes from):'];
  const width = Math.max(...report.configuration.map((entry) => entry.key.length));
  for (const entry of report.configuration) {
    const value = entry.value === undefined ? '(unset)' : typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value);
    lines.push(`  ${entry.key.padEnd(width)}  ${value.length > 70 ? `${value.slice(0, 67)}...` : value}  [${describeSource(entry.sources)}]`);
  }
  lines.push('', `warnings: ${report.warnings.length === 0 ? 'none' : ''}`);
  for (const warning of report.warnings) lines.push(`  ${warning}`);
  lines.push('', 'checks:');
  const nameWidth = Math.max(...report.steps.map((step) => step.name.length));
  for (const step of report.steps) lines.push(`  ${MARKS[step.status]} ${step.name.padEnd(nameWidth)}  ${step.detail}${step.millis === undefined ? '' : ` (${step.millis} ms)`}`);
  if (report.testSpan !== undefined) lines.push('', `test span: "${report.testSpan.name}" trace ${report.testSpan.traceId} span ${report.testSpan.spanId}`);
  lines.push('', report.ok ? 'result: everything works' : `result: failed at "${report.failedStep}"`, '');
  return lines.join('\n');
}

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'check this environment\'s tracing setup: configuration, exporters, one test span',
  description:
    'Resolves the configuration as the service would in this directory and environment, and shows every value with where it comes from (code, environment, profile, package.json, default) and every warning. Then checks each configured exporter with the transport it uses: DNS, TCP, TLS and the HTTP status, each timed, and sends one test span ("otel-bootstrap doctor") through it. With --jaeger the test span is read back from Jaeger\'s query API. ' +
    'Exit code 0 when everything works, 1 when a step fails (the report names it), 2 for a wrong option.',
  options: [
    { name: 'json', type: 'boolean', description: 'print the report as JSON (for scripts)' },
    { name: 'jaeger', type: 'string', value: '<query url>', description: 'read the test span back from this Jaeger query service, e.g. http://127.0.0.1:16686' },
    { name: 'timeout', type: 'string', value: '<ms>', description: 'longest wait of each network step (default 5000)' },
    { name: 'strict', type: 'boolean', description: 'configuration warnings fail the check too' },
  ],
  examples: [
    'npx otel-bootstrap doctor',
    'NODE_ENV=production OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 npx otel-bootstrap doctor --jaeger http://127.0.0.1:16686',
    'npx otel-bootstrap doctor --json | jq .failedStep',
  ],
  async run(args, io) {
    const report = await runDoctor({
      env: io.env,
      appPackage: findAppPackage(`${io.cwd}/index.js`),
      timeoutMillis: numberOption(args, 'timeout', 5000, 1, 600_000, true),
      jaegerQueryUrl: stringOption(args, 'jaeger'),
      strict: args.values.strict === true,
    });
    io.stdout(args.values.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
    return report.ok ? ExitCode.ok : ExitCode.failed;
  },
};
