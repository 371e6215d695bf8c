import type { EnvReader } from './env';
import { parseKeyValueList } from './key-value-list';
import type { OtlpOptions, OtlpProtocol, ResolvedConfig } from './options';
import { invalidHeaderWarning } from './warnings';

const PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];
const DEFAULT_HTTP_BASE = 'http://localhost:4318';
const DEFAULT_GRPC_URL = 'http://localhost:4317';
const TRACES_PATH = '/v1/traces';

/** Adds `/v1/traces` to a base URL that has no path of its own. */
export function tracesUrlFromBase(base: string): string {
  const url = new URL(base);
  if (url.pathname === '' || url.pathname === '/') return `${url.origin}${TRACES_PATH}`;
  return `${base.replace(/\/+$/, '')}${TRACES_PATH}`;
}

/** Resolves OTLP export settings: options, then the traces-specific variables, then the generic ones. */
export function resolveOtlp(options: OtlpOptions | undefined, env: EnvReader): ResolvedConfig['otlp'] {
  const protocol =
    options?.protocol ??
    env.oneOf('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', PROTOCOLS, 'http/protobuf') ??
    env.oneOf('OTEL_EXPORTER_OTLP_PROTOCOL', PROTOCOLS, 'http/protobuf') ??
    'http/protobuf';
  const fallbackUrl = protocol === 'grpc' ? DEFAULT_GRPC_URL : `${DEFAULT_HTTP_BASE}${TRACES_PATH}`;
  const url = resolveUrl(options?.endpoint, protocol, env, fallbackUrl);
  const headers = {
    ...readHeaders(env, 'OTEL_EXPORTER_OTLP_HEADERS'),
    ...readHeaders(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'),
    ...options?.headers,
  };
  const timeoutMillis =
    options?.timeoutMillis ??
    env.integer('OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', 1, 600_000, '10000') ??
    env.integer('OTEL_EXPORTER_OTLP_TIMEOUT', 1, 600_000, '10000') ??
    10_000;
  return { url, protocol, headers, timeoutMillis };
}

function resolveUrl(optionEndpoint: string | undefined, protocol: OtlpProtocol, env: EnvReader, fallbackUrl: string): string {
  if (optionEndpoint !== undefined) return protocol === 'grpc' ? optionEndpoint : tracesUrlFromBase(optionEndpoint);
  const tracesEndpoint = env.httpUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', fallbackUrl);
  if (tracesEndpoint !== undefined) return tracesEndpoint;
  const baseEndpoint = env.httpUrl('OTEL_EXPORTER_OTLP_ENDPOINT', fallbackUrl);
  if (baseEndpoint !== undefined) return protocol === 'grpc' ? baseEndpoint : tracesUrlFromBase(baseEndpoint);
  return fallbackUrl;
}

function readHeaders(env: EnvReader, name: string): Record<string, string> {
  const value = env.string(name);
  if (value === undefined) return {};
  return parseKeyValueList(value, (pair) => env.warnings.push(invalidHeaderWarning(name, pair)));
}
