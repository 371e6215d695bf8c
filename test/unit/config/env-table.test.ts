/**
 * Every environment variable the package reads, each with the bad values that apply to it
 * (blank, non-numeric, negative, out of range, unknown). A bad value gives exactly one warning,
 * naming the variable, the value and what is used instead, and resolves to exactly the
 * configuration the variable's absence gives. A blank value counts as unset, with no warning,
 * as the OpenTelemetry environment specification asks.
 *
 * The table is proven complete: the keys read from a recording proxy over the environment during
 * `resolveConfig` and a manager start must all be in it (or in the short list of variables that
 * the OpenTelemetry SDK reads for itself), and every row must be read.
 */
import { DiagLogLevel } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import type { EnvMap } from '../../../src/config/env';
import { resolveConfig } from '../../../src/config/resolve';
import {
  invalidEnvWarning,
  invalidHeaderWarning,
  invalidListEntryWarning,
  invalidResourceAttributeWarning,
  unknownEnvironmentWarning,
  unknownListEntryWarning,
} from '../../../src/config/warnings';
import { TracingManager } from '../../../src/manager';
import { invalidSamplingRuleWarning, samplingRulesNotJsonWarning } from '../../../src/config/sampling-config';

type Case = readonly [label: string, value: string, warning: string | null];
interface Row {
  name: string;
  /** Other variables the row needs for its variable to be read at all. */
  base?: Record<string, string>;
  cases: readonly Case[];
}

const BLANK: Case = ['blank', '  ', null];
const APP = { name: 'env-table-app', version: '1.0.0' };

function integerRow(name: string, min: number, max: number, used: string, base?: Record<string, string>): Row {
  const warn = (value: string): string => invalidEnvWarning(name, value, `a whole number from ${min} to ${max}`, used);
  return {
    name,
    ...(base === undefined ? {} : { base }),
    cases: [BLANK, ['non-numeric', 'abc', warn('abc')], ['negative', '-1', warn('-1')], ['out of range', String(max + 1), warn(String(max + 1))], ['fraction', '1.5', warn('1.5')]],
  };
}

function booleanRow(name: string, used: string): Row {
  const warn = (value: string): string => invalidEnvWarning(name, value, 'true or false', used);
  return { name, cases: [BLANK, ['unknown', 'yes', warn('yes')], ['numeric', '1', warn('1')]] };
}

function oneOfRow(name: string, accepted: readonly string[], used: string): Row {
  return { name, cases: [BLANK, ['unknown', 'nope', invalidEnvWarning(name, 'nope', `one of ${accepted.join(', ')}`, used)]] };
}

function listRow(name: string, accepted: readonly string[], used: string): Row {
  return { name, cases: [BLANK, ['unknown', 'nope', unknownListEntryWarning(name, 'nope', accepted, used)]] };
}

function urlRow(name: string, used: string): Row {
  const warn = (value: string): string => invalidEnvWarning(name, value, 'an http:// or https:// URL', used);
  return { name, cases: [BLANK, ['not a URL', 'not a url', warn('not a url')], ['unknown scheme', 'ftp://127.0.0.1/x', warn('ftp://127.0.0.1/x')]] };
}

function headerListRow(name: string, accepted: string): Row {
  return { name, cases: [BLANK, ['not a header name', 'a b', invalidListEntryWarning(name, 'a b', accepted)]] };
}

/** Variables that take any text: only blank applies. */
function freeTextRow(name: string): Row {
  return { name, cases: [BLANK] };
}

const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'parentbased_ratelimiting',
  'jaeger_remote',
  'parentbased_jaeger_remote',
];
const PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'];
const PRODUCTION = { NODE_ENV: 'production' };

/** The table: every variable the package reads. */
const ROWS: readonly Row[] = [
  { name: 'NODE_ENV', cases: [BLANK, ['unknown', 'qa', unknownEnvironmentWarning('NODE_ENV', 'qa', 'development')]] },
  // An unknown deployment.environment.name in it is tested below: the attribute itself is kept.
  { name: 'OTEL_RESOURCE_ATTRIBUTES', cases: [BLANK, ['not key=value', 'novalue', invalidResourceAttributeWarning('novalue')]] },
  booleanRow('OTEL_SDK_DISABLED', 'false'),
  freeTextRow('OTEL_SERVICE_NAME'),
  oneOfRow('OTEL_TRACES_SAMPLER', SAMPLERS, "the profile's parentbased_always_on"),
  {
    name: 'OTEL_TRACES_SAMPLER_ARG',
    base: PRODUCTION,
    cases: [
      BLANK,
      ...(['abc', '-0.5', '2'] as const).map((value): Case => [value === 'abc' ? 'non-numeric' : value === '2' ? 'out of range' : 'negative', value, invalidEnvWarning('OTEL_TRACES_SAMPLER_ARG', value, 'a number from 0 to 1', '0.01')]),
    ],
  },
  listRow('OTEL_TRACES_EXPORTER', ['otlp', 'jaeger', 'console', 'memory', 'file', 'none'], "the others listed, or the profile's console if none is left"),
  integerRow('OTEL_BSP_MAX_QUEUE_SIZE', 1, 10_000_000, '2048'),
  integerRow('OTEL_BSP_SCHEDULE_DELAY', 0, 3_600_000, '5000'),
  integerRow('OTEL_BSP_EXPORT_TIMEOUT', 1, 3_600_000, '30000'),
  integerRow('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 1, 10_000_000, '512'),
  oneOfRow('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', PROTOCOLS, 'http/protobuf'),
  oneOfRow('OTEL_EXPORTER_OTLP_PROTOCOL', PROTOCOLS, 'http/protobuf'),
  urlRow('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'http://localhost:4318/v1/traces'),
  urlRow('OTEL_EXPORTER_OTLP_ENDPOINT', 'http://localhost:4318/v1/traces'),
  { name: 'OTEL_EXPORTER_OTLP_HEADERS', cases: [BLANK, ['not key=value', 'Authorization Bearer x', invalidHeaderWarning('OTEL_EXPORTER_OTLP_HEADERS', 1)]] },
  { name: 'OTEL_EXPORTER_OTLP_TRACES_HEADERS', cases: [BLANK, ['no key', '=x', invalidHeaderWarning('OTEL_EXPORTER_OTLP_TRACES_HEADERS', 1)]] },
  integerRow('OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', 1, 600_000, '10000'),
  integerRow('OTEL_EXPORTER_OTLP_TIMEOUT', 1, 600_000, '10000'),
  urlRow('OTEL_EXPORTER_JAEGER_ENDPOINT', 'the UDP agent'),
  freeTextRow('OTEL_EXPORTER_JAEGER_AGENT_HOST'),
  integerRow('OTEL_EXPORTER_JAEGER_AGENT_PORT', 1, 65535, '6832'),
  freeTextRow('OTEL_EXPORTER_JAEGER_USER'),
  freeTextRow('OTEL_EXPORTER_JAEGER_PASSWORD'),
  listRow('OTEL_PROPAGATORS', ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'none'], 'the others listed, or tracecontext,baggage if none is left'),
  // Instrumentation names are free-form here; an unknown one warns at start, when the optional full set is looked at.
  freeTextRow('OTEL_NODE_ENABLED_INSTRUMENTATIONS'),
  freeTextRow('OTEL_NODE_DISABLED_INSTRUMENTATIONS'),
  freeTextRow('OTEL_BOOTSTRAP_IGNORE_PATHS'),
  oneOfRow('OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION', ['lean', 'official'], 'lean'),
  booleanRow('OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING', 'true'),
  headerListRow('OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS', 'a header name, or name=value'),
  {
    name: 'OTEL_BOOTSTRAP_SAMPLING_RULES',
    cases: [
      BLANK,
      ['not JSON', '{nope', samplingRulesNotJsonWarning('{nope')],
      ['not an array', '{"sampleRate":1}', samplingRulesNotJsonWarning('{"sampleRate":1}')],
      ['a rule without an action', '[{"name":"GET"}]', invalidSamplingRuleWarning(1, { name: 'GET' }, 'a rule needs sampleRate, maxPerSecond or drop')],
    ],
  },
  {
    name: 'OTEL_BOOTSTRAP_SAMPLING_ROUTES',
    cases: [BLANK, ['not a template', 'users', `otel-bootstrap: OTEL_BOOTSTRAP_SAMPLING_ROUTES entry "users" is invalid (expected a route template starting with /); it was skipped and the other entries kept.`]],
  },
  headerListRow('OTEL_BOOTSTRAP_DEBUG_HEADERS', 'a header name, or name=value'),
  booleanRow('OTEL_BOOTSTRAP_TAIL_SAMPLING', 'false'),
  freeTextRow('OTEL_BOOTSTRAP_REDACT_QUERY_PARAMS'),
  headerListRow('OTEL_BOOTSTRAP_CAPTURE_REQUEST_HEADERS', 'an HTTP header name'),
  headerListRow('OTEL_BOOTSTRAP_CAPTURE_RESPONSE_HEADERS', 'an HTTP header name'),
  booleanRow('OTEL_BOOTSTRAP_SHUTDOWN_SIGNALS', 'true'),
  booleanRow('OTEL_BOOTSTRAP_COMPILE_CACHE', 'true'),
  booleanRow('OTEL_BOOTSTRAP_CONSOLE_VERBOSE', 'false'),
  integerRow('OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT', 0, 600_000, '5000'),
  freeTextRow('OTEL_BOOTSTRAP_FILE_PATH'),
  integerRow('OTEL_BOOTSTRAP_FILE_MAX_BYTES', 1024, 1_000_000_000_000, '104857600'),
  integerRow('OTEL_BOOTSTRAP_FILE_MAX_FILES', 0, 1000, '3'),
  oneOfRow('OTEL_LOG_LEVEL', ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'], 'warn'),
  integerRow('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT', 0, 1_000_000, 'the SDK default'),
  integerRow('OTEL_ATTRIBUTE_COUNT_LIMIT', 0, 1_000_000, 'the SDK default'),
  integerRow('OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT', 0, 100_000_000, 'no limit'),
  integerRow('OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT', 0, 100_000_000, 'no limit'),
  integerRow('OTEL_SPAN_EVENT_COUNT_LIMIT', 0, 1_000_000, 'the SDK default'),
  integerRow('OTEL_SPAN_LINK_COUNT_LIMIT', 0, 1_000_000, 'the SDK default'),
  listRow('OTEL_METRICS_EXPORTER', ['prometheus', 'otlp', 'none'], "the others listed, or the profile's none if none is left"),
  freeTextRow('OTEL_EXPORTER_PROMETHEUS_HOST'),
  integerRow('OTEL_EXPORTER_PROMETHEUS_PORT', 0, 65535, '9464'),
  { name: 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', cases: [BLANK, ['unknown', 'grpc', invalidEnvWarning('OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', 'grpc', 'one of http/protobuf, http/json for metrics', 'http/protobuf')]] },
  urlRow('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', 'http://localhost:4318/v1/metrics'),
  { name: 'OTEL_EXPORTER_OTLP_METRICS_HEADERS', cases: [BLANK, ['no key', '=x', invalidHeaderWarning('OTEL_EXPORTER_OTLP_METRICS_HEADERS', 1)]] },
  integerRow('OTEL_EXPORTER_OTLP_METRICS_TIMEOUT', 1, 600_000, '10000'),
  integerRow('OTEL_METRIC_EXPORT_TIMEOUT', 1, 600_000, '30000'),
  integerRow('OTEL_METRIC_EXPORT_INTERVAL', 100, 86_400_000, '60000'),
  oneOfRow('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', ['cumulative', 'delta', 'lowmemory'], 'cumulative'),
  booleanRow('OTEL_BOOTSTRAP_RUNTIME_METRICS', 'true'),
  integerRow('OTEL_BOOTSTRAP_METRICS_SERIES_LIMIT', 1, 1_000_000, '2000'),
  booleanRow('OTEL_BOOTSTRAP_LOG_CORRELATION', 'true'),
];

/**
 * Variables the OpenTelemetry SDK and exporters read for themselves, which the package neither
 * sets nor interprets (TLS files, compression, per-event and per-link attribute limits). Their
 * bad values are reported by the SDK; the child-process test proves they do not stop the service.
 */
export const UPSTREAM_READ_VARIABLES: readonly string[] = [
  'OTEL_EXPORTER_OTLP_CERTIFICATE',
  'OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE',
  'OTEL_EXPORTER_OTLP_CLIENT_KEY',
  'OTEL_EXPORTER_OTLP_COMPRESSION',
  'OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE',
  'OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE',
  'OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY',
  'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION',
  'OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT',
  'OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT',
];

const resolve = (env: EnvMap) => resolveConfig({}, env, APP);

describe('every environment variable: bad values warn once, name what is used, and change nothing else', () => {
  for (const row of ROWS) {
    describe(row.name, () => {
      const base = row.base ?? {};
      const unset = resolve(base);
      it.each(row.cases.map(([label, value, warning]) => ({ label, value, warning })))('$label ($value)', ({ value, warning }) => {
        const { config, warnings } = resolve({ ...base, [row.name]: value });
        expect(warnings).toEqual([...unset.warnings, ...(warning === null ? [] : [warning])]);
        if (warning !== null) expect(warning).toContain(row.name);
        expect(config).toEqual(unset.config);
      });
    });
  }

  it('an unknown deployment.environment.name warns once and uses the development profile, keeping the attribute as given', () => {
    const { config, warnings } = resolve({ OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=qa' });
    expect(warnings).toEqual([unknownEnvironmentWarning('OTEL_RESOURCE_ATTRIBUTES deployment.environment.name', 'qa', 'development')]);
    expect(config.profile).toBe('development');
    expect(config.resourceAttributes['deployment.environment.name']).toBe('qa');
  });

  it('when a specific variable is bad, its warning names the general one whose value is used', () => {
    const { config, warnings } = resolve({ OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '-1', OTEL_EXPORTER_OTLP_TIMEOUT: '7000', OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: 'x', OTEL_ATTRIBUTE_COUNT_LIMIT: '64' });
    expect(warnings).toEqual([
      invalidEnvWarning('OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', '-1', 'a whole number from 1 to 600000', '7000 from OTEL_EXPORTER_OTLP_TIMEOUT'),
      invalidEnvWarning('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT', 'x', 'a whole number from 0 to 1000000', '64 from OTEL_ATTRIBUTE_COUNT_LIMIT'),
    ]);
    expect(config.otlp.timeoutMillis).toBe(7000);
    expect(config.spanLimits.attributeCountLimit).toBe(64);
  });

  it('a bad general variable shadowed by a good specific one still warns, naming the specific value', () => {
    const { config, warnings } = resolve({ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_PROTOCOL: 'soap' });
    expect(warnings).toEqual([invalidEnvWarning('OTEL_EXPORTER_OTLP_PROTOCOL', 'soap', `one of ${PROTOCOLS.join(', ')}`, 'http/json from OTEL_EXPORTER_OTLP_TRACES_PROTOCOL')]);
    expect(config.otlp.protocol).toBe('http/json');
  });
});

/** Runs `action` with `process.env` replaced by a proxy over `env` that records every key looked up. */
async function recordingReads(env: Record<string, string>, action: (processEnv: NodeJS.ProcessEnv) => Promise<void>): Promise<Set<string>> {
  const read = new Set<string>();
  const record = (key: string | symbol): void => void (typeof key === 'string' && read.add(key));
  const proxy = new Proxy(env, {
    get: (target, key) => (record(key), Reflect.get(target, key) as string | undefined),
    has: (target, key) => (record(key), Reflect.has(target, key)),
    getOwnPropertyDescriptor: (target, key) => (record(key), Reflect.getOwnPropertyDescriptor(target, key)),
  }) as NodeJS.ProcessEnv;
  const original = process.env;
  process.env = proxy;
  try {
    await action(proxy);
  } finally {
    process.env = original;
  }
  return read;
}

describe('the table is complete', () => {
  /** Environments that between them make every conditional read happen. */
  const SCENARIOS: ReadonlyArray<Record<string, string>> = [
    {},
    { NODE_ENV: 'production', OTEL_TRACES_EXPORTER: 'otlp' },
    { NODE_ENV: 'staging', OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
    { OTEL_TRACES_EXPORTER: 'jaeger', OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: 'official' },
    { OTEL_TRACES_EXPORTER: 'console', OTEL_TRACES_SAMPLER: 'traceidratio' },
  ];

  it('every variable read during resolveConfig and a manager start is in the table, and every row is read', async () => {
    const read = new Set<string>();
    for (const scenario of SCENARIOS) {
      // Quiet, and without process hooks, so the in-process start leaves nothing behind.
      const env = { OTEL_SERVICE_NAME: 'env-table', OTEL_LOG_LEVEL: 'none', OTEL_BOOTSTRAP_SHUTDOWN_SIGNALS: 'false', ...scenario };
      const keys = await recordingReads(env, async (processEnv) => {
        const { config, warnings } = resolveConfig({ flushOnBeforeExit: false }, processEnv, APP);
        expect(config.logLevel).toBe(DiagLogLevel.NONE);
        await new TracingManager(config, warnings).start().shutdown();
      });
      keys.forEach((key) => read.add(key));
    }
    const relevant = [...read].filter((key) => key.startsWith('OTEL_') || key === 'NODE_ENV').sort();
    const tabled = ROWS.map((row) => row.name);
    expect(relevant.filter((key) => !tabled.includes(key) && !UPSTREAM_READ_VARIABLES.includes(key))).toEqual([]);
    expect(tabled.filter((name) => !relevant.includes(name))).toEqual([]);
    expect(new Set(tabled).size).toBe(tabled.length);
  });
});
