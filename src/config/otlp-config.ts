import type { EnvReader } from './env';
import { parseKeyValueList } from './key-value-list';
import type { OtlpOptions, OtlpProtocol, ResolvedConfig } from './options';
import { redactUrl } from './redact';
import { invalidHeaderWarning } from './warnings';

const PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];
const DEFAULT_HTTP_BASE = 'http://localhost:4318';
const DEFAULT_GRPC_URL = 'http://localhost:4317';
const TRACES_PATH = '/v1/traces';
const TRACES_ENDPOINT = 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT';
const BASE_ENDPOINT = 'OTEL_EXPORTER_OTLP_ENDPOINT';

/**
 * Adds `/v1/traces` to the path of a base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`): `http://h:4318` and
 * `http://h:4318/otlp/` become `http://h:4318/v1/traces` and `http://h:4318/otlp/v1/traces`. A query
 * string stays after the path.
 */
export function tracesUrlFromBase(base: string): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${TRACES_PATH}`;
  return url.toString();
}

/**
 * The traces URL for `otlp.endpoint` given in code: a URL with a path of its own is used as it is
 * (as `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is); only a bare base (`http://h:4318`, `http://h:4318/`)
 * gets `/v1/traces`.
 */
export function tracesUrlFromOption(endpoint: string): string {
  const url = new URL(endpoint);
  return url.pathname === '' || url.pathname === '/' ? tracesUrlFromBase(endpoint) : endpoint;
}

/** Resolves OTLP export settings: options, then the traces-specific variables, then the generic ones. */
export function resolveOtlp(options: OtlpOptions | undefined, env: EnvReader): ResolvedConfig['otlp'] {
  const protocol =
    options?.protocol ??
    env.firstOf(['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL'], (reader, name, used) => reader.oneOf(name, PROTOCOLS, used), 'http/protobuf') ??
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
    env.firstOf(['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', 'OTEL_EXPORTER_OTLP_TIMEOUT'], (reader, name, used) => reader.integer(name, 1, 600_000, used), '10000') ??
    10_000;
  return { url, protocol, headers, timeoutMillis };
}

function resolveUrl(optionEndpoint: string | undefined, protocol: OtlpProtocol, env: EnvReader, fallbackUrl: string): string {
  if (optionEndpoint !== undefined) return protocol === 'grpc' ? optionEndpoint : tracesUrlFromOption(optionEndpoint);
  const fromEnv = env.firstOf(
    [TRACES_ENDPOINT, BASE_ENDPOINT],
    (reader, name, used) => {
      const url = reader.httpUrl(name, used);
      // The traces variable is used as is; the base one gets /v1/traces (gRPC takes no path).
      return url === undefined || name === TRACES_ENDPOINT || protocol === 'grpc' ? url : tracesUrlFromBase(url);
    },
    fallbackUrl,
    redactUrl,
  );
  if (fromEnv !== undefined) return fromEnv;
  return fallbackUrl;
}

function readHeaders(env: EnvReader, name: string): Record<string, string> {
  const value = env.string(name);
  if (value === undefined) return {};
  return parseKeyValueList(value, (_pair, position) => env.warnings.push(invalidHeaderWarning(name, position)));
}
