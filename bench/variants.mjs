// What the benchmarks run: the apps, and every tracer configuration measured against the
// uninstrumented app. Loopback only: each variant exports to a sink the runner passes in.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..');
export const REGISTER = join(ROOT, 'dist', 'register.cjs');
export const HELLO_APP = join(here, 'apps', 'hello-app.cjs');
const OFFICIAL_REGISTER = join(here, 'apps', 'official-register.cjs');
const COMPETITORS = join(here, 'competitors', 'node_modules');

/** The two apps: the same Express route on Express 5 (the repository's) and Express 4 (bench/express4). */
export const APPS = [
  { id: 'express5', label: 'Express 5', env: {} },
  { id: 'express4', label: 'Express 4', env: { BENCH_EXPRESS_DIR: join(here, 'express4') }, needs: 'express4' },
];

/**
 * Every variant, by id. `group` says which table it belongs to: `compare` (otel-bootstrap beside
 * the other tracers), `decompose` (otel-bootstrap with one part turned off at a time), `control`.
 * `needs` names the bench folder whose packages the variant loads (bench/deps.mjs installs it).
 */
export const VARIANTS = [
  { id: 'bare', label: 'uninstrumented', group: 'control', args: [], env: {} },
  { id: 'control', label: 'uninstrumented (noise floor)', group: 'control', args: [], env: {} },
  { id: 'bootstrap-1', label: 'otel-bootstrap, 1%', group: 'compare', args: ['--require', REGISTER], env: {} },
  { id: 'bootstrap-100', label: 'otel-bootstrap, 100%', group: 'compare', args: ['--require', REGISTER], env: { OTEL_TRACES_SAMPLER: 'parentbased_always_on' } },
  // RED metrics on every request beside 1% traces, on a Prometheus endpoint scraped once per slice.
  { id: 'bootstrap-metrics-1', label: 'otel-bootstrap, 1% + RED metrics (Prometheus)', group: 'compare', args: ['--require', REGISTER], env: { OTEL_METRICS_EXPORTER: 'prometheus' }, metricsEndpoint: true },
  // Five rules in the shapes users write, none of which matches the app's `GET /hello` (as in bench/micro.mjs).
  { id: 'bootstrap-rules-1', label: 'otel-bootstrap, 1% under five sampling rules that do not match', group: 'compare', args: ['--require', REGISTER], env: { OTEL_BOOTSTRAP_SAMPLING_RULES: JSON.stringify([{ path: '/health*', drop: true }, { route: '/checkout/:id', sampleRate: 1 }, { method: 'POST', path: '/api/orders*', maxPerSecond: 10 }, { name: 'cron *', kind: 'internal', drop: true }, { attributes: { 'tenant.tier': 'vip-*' }, sampleRate: 1 }]) } },
  { id: 'bootstrap-official-1', label: 'otel-bootstrap with the official HTTP instrumentation, 1%', group: 'compare', args: ['--require', REGISTER], env: { OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: 'official' } },
  { id: 'official-1', label: 'official NodeSDK http+express, 1%', group: 'compare', args: ['--require', OFFICIAL_REGISTER], env: { OTEL_TRACES_SAMPLER_ARG: '0.01' } },
  { id: 'official-100', label: 'official NodeSDK http+express, 100%', group: 'compare', args: ['--require', OFFICIAL_REGISTER], env: { OTEL_TRACES_SAMPLER_ARG: '1' } },
  { id: 'ddtrace-1', label: 'dd-trace, 1%', group: 'compare', needs: 'competitors', args: ['--require', join(COMPETITORS, 'dd-trace', 'init.js')], env: ddTraceEnv(0.01) },
  { id: 'ddtrace-100', label: 'dd-trace, 100%', group: 'compare', needs: 'competitors', args: ['--require', join(COMPETITORS, 'dd-trace', 'init.js')], env: ddTraceEnv(1) },
  { id: 'edot-1', label: 'Elastic EDOT Node.js http+express, 1%', group: 'compare', needs: 'competitors', args: ['--require', join(COMPETITORS, '@elastic', 'opentelemetry-node', 'require.js')], env: edotEnv(0.01) },
  { id: 'edot-100', label: 'Elastic EDOT Node.js http+express, 100%', group: 'compare', needs: 'competitors', args: ['--require', join(COMPETITORS, '@elastic', 'opentelemetry-node', 'require.js')], env: edotEnv(1) },
  { id: 'disabled', label: 'register loaded, OTEL_SDK_DISABLED=true', group: 'decompose', args: ['--require', REGISTER], env: { OTEL_SDK_DISABLED: 'true' } },
  { id: 'no-instrumentations', label: 'no instrumentations (provider only)', group: 'decompose', args: ['--require', REGISTER], env: { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'http,express,undici' } },
  { id: 'always-off', label: 'sampler always_off', group: 'decompose', args: ['--require', REGISTER], env: { OTEL_TRACES_SAMPLER: 'always_off' } },
  { id: 'http-only', label: 'http only (no fetch instrumentation), 1%', group: 'decompose', args: ['--require', REGISTER], env: { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'undici' } },
  { id: 'exporter-none-1', label: '1%, exporter none', group: 'decompose', args: ['--require', REGISTER], env: { OTEL_TRACES_EXPORTER: 'none' } },
  { id: 'exporter-none-100', label: '100%, exporter none', group: 'decompose', args: ['--require', REGISTER], env: { OTEL_TRACES_EXPORTER: 'none', OTEL_TRACES_SAMPLER: 'parentbased_always_on' } },
];

export const variantById = (id) => {
  const variant = VARIANTS.find((candidate) => candidate.id === id);
  if (variant === undefined) throw new Error(`unknown benchmark variant ${JSON.stringify(id)}; known: ${VARIANTS.map((v) => v.id).join(', ')}`);
  return variant;
};

/** dd-trace at a sample rate, reporting to the sink; no remote configuration, telemetry, runtime metrics or profiling. */
function ddTraceEnv(rate) {
  return {
    DD_TRACE_SAMPLE_RATE: String(rate),
    DD_TRACE_RATE_LIMIT: '100000',
    DD_REMOTE_CONFIGURATION_ENABLED: 'false',
    DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
    DD_RUNTIME_METRICS_ENABLED: 'false',
    DD_PROFILING_ENABLED: 'false',
    DD_TRACE_STARTUP_LOGS: 'false',
    DD_SERVICE: 'bench-hello',
  };
}

/** EDOT with only its HTTP and Express instrumentations, as the official variant, and no metrics, logs or cloud detectors. */
function edotEnv(ratio) {
  return {
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: String(ratio),
    OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,express',
    OTEL_LOG_LEVEL: 'warn',
    ELASTIC_OTEL_OPAMP_ENDPOINT: '',
  };
}

/**
 * Environment for a variant's child: the parent's without OTEL_*, DD_* and NODE_OPTIONS, plus the
 * production profile and its sink. Children that export nothing get the discard port on loopback.
 */
export function childEnv(extra, sinkUrl = 'http://127.0.0.1:9') {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('OTEL_') && !key.startsWith('DD_') && key !== 'NODE_OPTIONS') env[key] = value;
  return {
    ...env,
    NODE_ENV: 'production',
    OTEL_SERVICE_NAME: 'bench-hello',
    OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    DD_TRACE_AGENT_URL: sinkUrl,
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
    // No cloud metadata look-ups: loopback only.
    OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process',
    ...extra,
  };
}
