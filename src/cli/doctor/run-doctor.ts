import { describeConfig } from '../../config/describe';
import type { ConfigSource } from '../../config/sources';
import { resolveConfig, type AppPackageInfo } from '../../config/resolve';
import type { EnvMap } from '../../config/env';
import { fetchJaegerTrace } from '../jaeger-query';
import { checkExporter } from './exporter-checks';
import { errorText } from './network-probes';
import { since, type DoctorStep } from './step';
import { makeTestSpan } from './test-span';

/** One configuration value with where it came from. */
export interface ConfigEntry {
  key: string;
  value: unknown;
  sources: ConfigSource[];
}

/** Everything the doctor found. */
export interface DoctorReport {
  ok: boolean;
  /** The first failing step, when one failed. */
  failedStep: string | null;
  configuration: ConfigEntry[];
  warnings: string[];
  steps: DoctorStep[];
  testSpan: { traceId: string; spanId: string; name: string } | undefined;
}

/** Settings of one run. */
export interface DoctorSettings {
  env: EnvMap;
  appPackage: AppPackageInfo;
  timeoutMillis: number;
  /** Jaeger query URL to read the test span back from. */
  jaegerQueryUrl: string | undefined;
  /** Warnings fail the run. */
  strict: boolean;
}

/** Summary keys shown one level deep (`otlp.url` rather than `otlp`). */
const NESTED = new Set(['batch', 'otlp', 'jaeger', 'file', 'captureHeaders']);

/** Resolves the configuration, checks every exporter, sends one test span, optionally reads it back. */
export async function runDoctor(settings: DoctorSettings): Promise<DoctorReport> {
  const steps: DoctorStep[] = [];
  let resolved;
  try {
    resolved = resolveConfig({}, settings.env, settings.appPackage);
  } catch (error) {
    steps.push({ name: 'configuration', status: 'fail', detail: errorText(error) });
    return finish([], [], steps, undefined);
  }
  const { config, warnings, sources } = resolved;
  const configuration = flatten(describeConfig(config) as unknown as Record<string, unknown>).map(([key, value]) => ({ key, value, sources: sources[key] ?? [] }));
  if (warnings.length > 0) steps.push({ name: 'configuration', status: settings.strict ? 'fail' : 'warn', detail: `${warnings.length} warning(s): an environment value is invalid and a fallback is used` });
  else steps.push({ name: 'configuration', status: 'ok', detail: `profile ${config.profile}, service ${config.serviceName}, exporters ${describeConfig(config).exporters.join(', ')}` });
  if (!config.enabled) {
    steps.push({ name: 'enabled', status: 'fail', detail: 'tracing is disabled (OTEL_SDK_DISABLED=true): nothing is recorded or exported' });
    return finish(configuration, warnings, steps, undefined);
  }
  const span = await makeTestSpan(config);
  const context = span.spanContext();
  const testSpan = { traceId: context.traceId, spanId: context.spanId, name: span.name };
  let sent = false;
  for (const choice of config.exporters) {
    const check = await checkExporter(choice, config, span, { timeoutMillis: settings.timeoutMillis });
    steps.push(...check.steps);
    sent ||= check.sent;
  }
  if (settings.jaegerQueryUrl !== undefined) steps.push(await readBack(settings.jaegerQueryUrl, testSpan.traceId, sent, settings.timeoutMillis));
  return finish(configuration, warnings, steps, testSpan);
}

async function readBack(queryUrl: string, traceId: string, sent: boolean, timeoutMillis: number): Promise<DoctorStep> {
  if (!sent) return { name: 'jaeger read-back', status: 'fail', detail: 'the test span was not sent, so there is nothing to read back' };
  const start = performance.now();
  const deadline = Date.now() + Math.max(timeoutMillis, 10_000);
  let lastProblem = 'not found yet';
  for (;;) {
    try {
      const spans = await fetchJaegerTrace(queryUrl, traceId, timeoutMillis);
      if (spans.length > 0) return { name: 'jaeger read-back', status: 'ok', detail: `trace ${traceId} read back from ${queryUrl} (service ${spans[0]?.resource.service})`, millis: since(start) };
    } catch (error) {
      lastProblem = errorText(error);
    }
    if (Date.now() > deadline) return { name: 'jaeger read-back', status: 'fail', detail: `trace ${traceId} not found at ${queryUrl} (${lastProblem})`, millis: since(start) };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function finish(configuration: ConfigEntry[], warnings: string[], steps: DoctorStep[], testSpan: DoctorReport['testSpan']): DoctorReport {
  const failedStep = steps.find((step) => step.status === 'fail')?.name ?? null;
  return { ok: failedStep === null, failedStep, configuration, warnings, steps, testSpan };
}

function flatten(summary: Record<string, unknown>): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(summary)) {
    if (NESTED.has(key) && typeof value === 'object' && value !== null) {
      for (const [inner, innerValue] of Object.entries(value)) entries.push([`${key}.${inner}`, innerValue]);
    } else entries.push([key, value]);
  }
  return entries;
}
