import type { EnvReader } from './env';
import { isHeaderName, parseTrustedHeader, TRUSTED_HEADER_FORM } from './header-lists';
import type { ResolvedConfig, TracingOptions } from './options';

type HttpPrivacy = Pick<ResolvedConfig, 'trustRemoteSampling' | 'trustedSamplingHeaders' | 'redactQueryParams' | 'captureHeaders'>;

const HEADER_NAME_FORM = 'an HTTP header name';

/**
 * Resolves what HTTP tracing may trust and record: whether inbound trace context decides
 * sampling, which headers make a request trusted anyway, extra redacted query keys and the
 * captured headers. Code options (already validated) win over the environment.
 */
export function resolveHttpPrivacy(options: TracingOptions, env: EnvReader): HttpPrivacy {
  const trusted =
    options.trustedSamplingHeaders?.map((entry) => parseTrustedHeader(entry)).filter((entry) => entry !== undefined) ??
    env.parsedList('OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS', parseTrustedHeader, TRUSTED_HEADER_FORM) ??
    [];
  return {
    trustRemoteSampling: options.trustRemoteSampling ?? env.boolean('OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING', true) ?? true,
    trustedSamplingHeaders: trusted,
    redactQueryParams: [...(options.redactQueryParams ?? env.rawList('OTEL_BOOTSTRAP_REDACT_QUERY_PARAMS') ?? [])],
    captureHeaders: {
      request: headerNames(options.captureHeaders?.request, env, 'OTEL_BOOTSTRAP_CAPTURE_REQUEST_HEADERS'),
      response: headerNames(options.captureHeaders?.response, env, 'OTEL_BOOTSTRAP_CAPTURE_RESPONSE_HEADERS'),
    },
  };
}

function headerNames(given: readonly string[] | undefined, env: EnvReader, variable: string): string[] {
  const names = given ?? env.parsedList(variable, (entry) => (isHeaderName(entry) ? entry : undefined), HEADER_NAME_FORM) ?? [];
  return [...new Set(names.map((name) => name.toLowerCase()))];
}
