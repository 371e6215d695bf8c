/**
 * The `JAEGER_*` variables of jaeger-client as the equivalent `OTEL_*` settings. Pure: takes an
 * environment map and returns a new one in which each `OTEL_*` variable that is unset is filled
 * from its jaeger-client counterpart, so the rest of the resolver reads only `OTEL_*` names.
 * Precedence: code options > `OTEL_*` > `JAEGER_*` > profile.
 */
import type { EnvMap } from './env';
import { parseKeyValueList } from './key-value-list';
import { jaegerEnvWarnings } from './jaeger-client-warnings';

/** One setting filled from `JAEGER_*` variables: which summary field, through which `OTEL_*` variable, from which `JAEGER_*` ones. */
export interface JaegerClientSource {
  /** The field of `npx otel-bootstrap config` (`serviceName`, `sampler`, `exporters`, ...). */
  setting: string;
  /** The `OTEL_*` variable the value was given to. */
  variable: string;
  /** The `JAEGER_*` variables it came from. */
  from: string[];
}

/** What {@link applyJaegerClientEnv} returns. */
export interface JaegerClientEnv {
  env: EnvMap;
  warnings: string[];
  sources: JaegerClientSource[];
}

/** Older names jaeger-client still read, each with its current name. */
const DEPRECATED: Readonly<Record<string, string>> = {
  JAEGER_DISABLE: 'JAEGER_DISABLED',
  JAEGER_REPORTER_ENDPOINT: 'JAEGER_ENDPOINT',
  JAEGER_REPORTER_USER: 'JAEGER_USER',
  JAEGER_REPORTER_PASSWORD: 'JAEGER_PASSWORD',
  JAEGER_REPORTER_AGENT_HOST: 'JAEGER_AGENT_HOST',
  JAEGER_REPORTER_AGENT_PORT: 'JAEGER_AGENT_PORT',
};

/** Every variable jaeger-client-node reads (current names). */
const KNOWN = [
  'JAEGER_SERVICE_NAME',
  'JAEGER_DISABLED',
  'JAEGER_TAGS',
  'JAEGER_ENDPOINT',
  'JAEGER_USER',
  'JAEGER_PASSWORD',
  'JAEGER_AGENT_HOST',
  'JAEGER_AGENT_PORT',
  'JAEGER_AGENT_SOCKET_TYPE',
  'JAEGER_REPORTER_LOG_SPANS',
  'JAEGER_REPORTER_FLUSH_INTERVAL',
  'JAEGER_REPORTER_TIMEOUT',
  'JAEGER_SAMPLER_TYPE',
  'JAEGER_SAMPLER_PARAM',
  'JAEGER_SAMPLER_MANAGER_HOST_PORT',
  'JAEGER_SAMPLER_HOST',
  'JAEGER_SAMPLER_PORT',
  'JAEGER_SAMPLER_SAMPLING_PATH',
  'JAEGER_SAMPLER_REFRESH_INTERVAL',
] as const;
type JaegerVariable = (typeof KNOWN)[number];

const SAMPLER_TYPES = ['const', 'probabilistic', 'ratelimiting', 'remote'] as const;
const DEFAULT_SAMPLING_MANAGER = 'localhost:5778';
const DEFAULT_SAMPLING_PATH = '/sampling';
/** What jaeger-client propagated is kept, with W3C added, so both kinds of neighbour continue the trace. */
export const JAEGER_CLIENT_PROPAGATORS = 'tracecontext,baggage,jaeger';

class Mapping {
  readonly out: Record<string, string | undefined>;
  readonly warnings: string[] = [];
  readonly sources: JaegerClientSource[] = [];

  constructor(private readonly env: EnvMap) {
    this.out = { ...env };
  }

  /** The trimmed value of a jaeger-client variable (or of its deprecated name), with the name it was read from. */
  read(name: JaegerVariable): { value: string; from: string } | undefined {
    const direct = this.env[name]?.trim();
    if (direct !== undefined && direct !== '') return { value: direct, from: name };
    for (const [old, current] of Object.entries(DEPRECATED)) {
      const value = current === name ? this.env[old]?.trim() : undefined;
      if (value !== undefined && value !== '') return { value, from: old };
    }
    return undefined;
  }

  isSet(variable: string): boolean {
    const value = this.env[variable];
    return value !== undefined && value.trim() !== '';
  }

  /** Gives `variable` the value unless it is set already; records where it came from. */
  fill(setting: string, variable: string, value: string, from: string[]): boolean {
    if (this.isSet(variable)) return false;
    this.out[variable] = value;
    this.sources.push({ setting, variable, from });
    return true;
  }

  warn(message: string): void {
    this.warnings.push(message);
  }
}

function integer(mapping: Mapping, read: { value: string; from: string }, min: number, max: number, used: string): number | undefined {
  const parsed = /^\d+$/.test(read.value) ? Number(read.value) : Number.NaN;
  if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed;
  mapping.warn(jaegerEnvWarnings.invalid(read.from, read.value, `a whole number from ${min} to ${max}`, used));
  return undefined;
}

function decimal(mapping: Mapping, read: { value: string; from: string }, min: number, max: number, used: string): number | undefined {
  const parsed = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(read.value) ? Number(read.value) : Number.NaN;
  if (Number.isFinite(parsed) && parsed >= min && parsed <= max) return parsed;
  mapping.warn(jaegerEnvWarnings.invalid(read.from, read.value, `a number from ${min} to ${max}`, used));
  return undefined;
}

function flag(mapping: Mapping, read: { value: string; from: string }, used: string): boolean | undefined {
  const lower = read.value.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  mapping.warn(jaegerEnvWarnings.invalid(read.from, read.value, 'true or false', used));
  return undefined;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/** `key=value,key=${ENV_VAR:default}` as jaeger-client reads `JAEGER_TAGS`, values looked up in `env`. */
export function parseJaegerTags(text: string, env: EnvMap, onInvalid: (entry: string) => void): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const rawEntry of text.split(',')) {
    const entry = rawEntry.trim();
    if (entry === '') continue;
    const separator = entry.indexOf('=');
    const key = separator > 0 ? entry.slice(0, separator).trim() : '';
    if (key === '') {
      onInvalid(entry);
      continue;
    }
    let value = entry.slice(separator + 1).trim();
    const reference = /^\$\{([^:}]+)(?::([^}]*))?\}$/.exec(value);
    if (reference !== null) {
      const fromEnv = env[(reference[1] as string).trim()]?.trim();
      value = fromEnv !== undefined && fromEnv !== '' ? fromEnv : (reference[2] ?? '');
    }
    tags[key] = value;
  }
  return tags;
}

function mapResource(mapping: Mapping, env: EnvMap): void {
  const tagsRead = mapping.read('JAEGER_TAGS');
  if (tagsRead === undefined) return;
  const tags = parseJaegerTags(tagsRead.value, env, (entry) => mapping.warn(jaegerEnvWarnings.invalidTag(entry)));
  const existingText = env.OTEL_RESOURCE_ATTRIBUTES?.trim() ?? '';
  const existing = existingText === '' ? {} : parseKeyValueList(existingText, () => undefined);
  const added = Object.entries(tags).filter(([key]) => !Object.hasOwn(existing, key));
  if (added.length === 0) return;
  const encoded = added.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join(',');
  mapping.out.OTEL_RESOURCE_ATTRIBUTES = existingText === '' ? encoded : `${existingText},${encoded}`;
  mapping.sources.push({ setting: 'resourceAttributes', variable: 'OTEL_RESOURCE_ATTRIBUTES', from: [tagsRead.from] });
}

function mapReporter(mapping: Mapping): void {
  const triggers: string[] = [];
  const endpoint = mapping.read('JAEGER_ENDPOINT');
  if (endpoint !== undefined) {
    if (isHttpUrl(endpoint.value)) {
      mapping.fill('jaeger.endpoint', 'OTEL_EXPORTER_JAEGER_ENDPOINT', endpoint.value, [endpoint.from]);
      triggers.push(endpoint.from);
    } else {
      mapping.warn(jaegerEnvWarnings.invalid(endpoint.from, '[not shown]', 'an http:// or https:// URL', 'the agent'));
    }
  }
  const host = mapping.read('JAEGER_AGENT_HOST');
  if (host !== undefined) {
    mapping.fill('jaeger.agent', 'OTEL_EXPORTER_JAEGER_AGENT_HOST', host.value, [host.from]);
    triggers.push(host.from);
  }
  const portRead = mapping.read('JAEGER_AGENT_PORT');
  if (portRead !== undefined) {
    const port = integer(mapping, portRead, 1, 65535, '6832');
    if (port !== undefined) {
      mapping.fill('jaeger.agent', 'OTEL_EXPORTER_JAEGER_AGENT_PORT', String(port), [portRead.from]);
      triggers.push(portRead.from);
    }
  }
  for (const [name, variable, setting] of [
    ['JAEGER_USER', 'OTEL_EXPORTER_JAEGER_USER', 'jaeger.username'],
    ['JAEGER_PASSWORD', 'OTEL_EXPORTER_JAEGER_PASSWORD', 'jaeger.password'],
  ] as const) {
    const read = mapping.read(name);
    if (read !== undefined) mapping.fill(setting, variable, read.value, [read.from]);
  }
  const logRead = mapping.read('JAEGER_REPORTER_LOG_SPANS');
  const logSpans = logRead === undefined ? undefined : flag(mapping, logRead, 'false');
  if (logSpans === true && logRead !== undefined) triggers.push(logRead.from);
  // jaeger-client always reported to an agent (localhost:6832 unless told otherwise), and logSpans adds logging to that.
  if (triggers.length > 0) mapping.fill('exporters', 'OTEL_TRACES_EXPORTER', logSpans === true ? 'jaeger,console' : 'jaeger', triggers);
  const socket = mapping.read('JAEGER_AGENT_SOCKET_TYPE');
  if (socket !== undefined) mapping.warn(jaegerEnvWarnings.noEquivalent(socket.from, 'the Thrift exporter picks the socket family from the agent address'));
  for (const [name, variable, setting] of [
    ['JAEGER_REPORTER_FLUSH_INTERVAL', 'OTEL_BSP_SCHEDULE_DELAY', 'batch.scheduledDelayMillis'],
    ['JAEGER_REPORTER_TIMEOUT', 'OTEL_BSP_EXPORT_TIMEOUT', 'batch.exportTimeoutMillis'],
  ] as const) {
    const read = mapping.read(name);
    if (read === undefined) continue;
    const millis = integer(mapping, read, 1, 3_600_000, 'the default');
    if (millis !== undefined) mapping.fill(setting, variable, String(millis), [read.from]);
  }
}

function samplingManagerUrl(mapping: Mapping): { url: string; from: string[] } {
  const from: string[] = [];
  let hostPort = DEFAULT_SAMPLING_MANAGER;
  const managerRead = mapping.read('JAEGER_SAMPLER_MANAGER_HOST_PORT');
  const hostRead = mapping.read('JAEGER_SAMPLER_HOST');
  const portRead = mapping.read('JAEGER_SAMPLER_PORT');
  if (managerRead !== undefined) {
    hostPort = managerRead.value;
    from.push(managerRead.from);
  } else if (hostRead !== undefined || portRead !== undefined) {
    hostPort = `${hostRead?.value ?? 'localhost'}:${portRead?.value ?? '5778'}`;
    for (const read of [hostRead, portRead]) if (read !== undefined) from.push(read.from);
  }
  const pathRead = mapping.read('JAEGER_SAMPLER_SAMPLING_PATH');
  if (pathRead !== undefined) from.push(pathRead.from);
  const path = pathRead?.value ?? DEFAULT_SAMPLING_PATH;
  const base = /^https?:\/\//.test(hostPort) ? hostPort : `http://${hostPort}`;
  return { url: `${base.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`, from };
}

function mapSampler(mapping: Mapping, acceptedSamplers: readonly string[]): void {
  const typeRead = mapping.read('JAEGER_SAMPLER_TYPE');
  const paramRead = mapping.read('JAEGER_SAMPLER_PARAM');
  const profile = "the profile's sampler";
  if (typeRead === undefined) {
    for (const name of ['JAEGER_SAMPLER_PARAM', 'JAEGER_SAMPLER_MANAGER_HOST_PORT', 'JAEGER_SAMPLER_REFRESH_INTERVAL'] as const) {
      if (mapping.read(name) !== undefined) mapping.warn(jaegerEnvWarnings.needsSamplerType(name));
    }
    return;
  }
  const type = SAMPLER_TYPES.find((candidate) => candidate === typeRead.value.toLowerCase());
  if (type === undefined) {
    mapping.warn(jaegerEnvWarnings.invalid(typeRead.from, typeRead.value, `one of ${SAMPLER_TYPES.join(', ')}`, profile));
    return;
  }
  if (mapping.isSet('OTEL_TRACES_SAMPLER')) return;
  const from = [typeRead.from, ...(paramRead === undefined ? [] : [paramRead.from])];
  const setSampler = (name: string, arg?: string): void => {
    if (!acceptedSamplers.includes(name)) {
      mapping.warn(jaegerEnvWarnings.noEquivalent(typeRead.from, `${type} sampling needs the ${name} sampler, which this version does not have; using ${profile}`));
      return;
    }
    mapping.fill('sampler', 'OTEL_TRACES_SAMPLER', name, from);
    if (arg !== undefined) mapping.fill('sampler', 'OTEL_TRACES_SAMPLER_ARG', arg, from);
  };
  switch (type) {
    case 'const': {
      if (paramRead === undefined) return mapping.warn(jaegerEnvWarnings.needsParam(typeRead.value, '0 or 1', profile));
      const param = decimal(mapping, paramRead, 0, 1, profile);
      if (param !== undefined) setSampler(param === 1 ? 'parentbased_always_on' : 'parentbased_always_off');
      return;
    }
    case 'probabilistic': {
      if (paramRead === undefined) return mapping.warn(jaegerEnvWarnings.needsParam(typeRead.value, 'a ratio from 0 to 1', profile));
      const param = decimal(mapping, paramRead, 0, 1, profile);
      if (param !== undefined) setSampler('parentbased_traceidratio', String(param));
      return;
    }
    case 'ratelimiting': {
      if (paramRead === undefined) return mapping.warn(jaegerEnvWarnings.needsParam(typeRead.value, 'traces per second', profile));
      const param = decimal(mapping, paramRead, 0, 1_000_000, profile);
      if (param !== undefined) setSampler('parentbased_ratelimiting', String(param));
      return;
    }
    case 'remote': {
      const manager = samplingManagerUrl(mapping);
      const parts = [`endpoint=${manager.url}`];
      from.push(...manager.from);
      const refreshRead = mapping.read('JAEGER_SAMPLER_REFRESH_INTERVAL');
      if (refreshRead !== undefined) {
        const refresh = integer(mapping, refreshRead, 100, 86_400_000, '60000');
        if (refresh !== undefined) {
          parts.push(`pollingIntervalMs=${refresh}`);
          from.push(refreshRead.from);
        }
      }
      const initial = paramRead === undefined ? undefined : decimal(mapping, paramRead, 0, 1, `${profile} until a strategy arrives`);
      if (initial !== undefined) parts.push(`initialSamplingRate=${initial}`);
      setSampler('parentbased_jaeger_remote', parts.join(','));
      return;
    }
  }
}

/**
 * Fills unset `OTEL_*` variables from jaeger-client's `JAEGER_*` ones (deprecated names too).
 * Each unusable or untranslatable `JAEGER_*` setting gives one warning; the others still apply.
 * `acceptedSamplers` are the `OTEL_TRACES_SAMPLER` names the resolver knows.
 */
export function applyJaegerClientEnv(env: EnvMap, acceptedSamplers: readonly string[]): JaegerClientEnv {
  const mapping = new Mapping(env);
  const present = [...KNOWN, ...Object.keys(DEPRECATED)].filter((name) => mapping.isSet(name));
  if (present.length === 0) return { env, warnings: [], sources: [] };
  for (const old of Object.keys(DEPRECATED)) if (mapping.isSet(old)) mapping.warn(jaegerEnvWarnings.deprecated(old, DEPRECATED[old] as string));
  const serviceName = mapping.read('JAEGER_SERVICE_NAME');
  if (serviceName !== undefined) mapping.fill('serviceName', 'OTEL_SERVICE_NAME', serviceName.value, [serviceName.from]);
  const disabledRead = mapping.read('JAEGER_DISABLED');
  const disabled = disabledRead === undefined ? undefined : flag(mapping, disabledRead, 'false (tracing on)');
  if (disabled !== undefined && disabledRead !== undefined) mapping.fill('enabled', 'OTEL_SDK_DISABLED', String(disabled), [disabledRead.from]);
  mapResource(mapping, env);
  mapReporter(mapping);
  mapSampler(mapping, acceptedSamplers);
  mapping.fill('propagators', 'OTEL_PROPAGATORS', JAEGER_CLIENT_PROPAGATORS, present);
  return { env: mapping.out, warnings: mapping.warnings, sources: mapping.sources };
}

/** The sources as `npx otel-bootstrap config` prints them: each setting with the `JAEGER_*` variables it came from. */
export function describeJaegerClientSources(sources: readonly JaegerClientSource[]): Record<string, string> {
  const described: Record<string, string[]> = {};
  for (const source of sources) {
    const names = (described[source.setting] ??= []);
    for (const name of source.from) if (!names.includes(name)) names.push(name);
  }
  return Object.fromEntries(Object.entries(described).map(([setting, names]) => [setting, names.join(', ')]));
}
