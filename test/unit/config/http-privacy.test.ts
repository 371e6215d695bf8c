import { describe, expect, it } from 'vitest';
import { describeConfig, REDACTED } from '../../../src/config/describe';
import { invalidOptionMessage } from '../../../src/config/errors';
import type { TracingOptions } from '../../../src/config/options';
import { resolveConfig } from '../../../src/config/resolve';
import { invalidEnvWarning, invalidListEntryWarning, REMOTE_SAMPLING_TRUST_NOT_APPLIED_WARNING } from '../../../src/config/warnings';

describe('resolveConfig: trust, redaction and header capture', () => {
  it('defaults: remote sampling trusted, no allowlist, no extra keys, no headers captured', () => {
    const { config, warnings } = resolveConfig({ serviceName: 's' }, {});
    expect(warnings).toEqual([]);
    expect(config.trustRemoteSampling).toBe(true);
    expect(config.trustedSamplingHeaders).toEqual([]);
    expect(config.redactQueryParams).toEqual([]);
    expect(config.captureHeaders).toEqual({ request: [], response: [] });
  });

  it('reads the environment: names lower-cased, values kept exactly, split at the first =', () => {
    const { config, warnings } = resolveConfig(
      { serviceName: 's' },
      {
        OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING: 'FALSE',
        OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS: 'X-Debug=Tok=en, x-internal',
        OTEL_BOOTSTRAP_REDACT_QUERY_PARAMS: 'session, api_key',
        OTEL_BOOTSTRAP_CAPTURE_REQUEST_HEADERS: 'X-Request-Id,x-request-id',
        OTEL_BOOTSTRAP_CAPTURE_RESPONSE_HEADERS: 'Content-Type',
      },
    );
    expect(warnings).toEqual([]);
    expect(config.trustRemoteSampling).toBe(false);
    expect(config.trustedSamplingHeaders).toEqual([{ name: 'x-debug', value: 'Tok=en' }, { name: 'x-internal' }]);
    expect(config.redactQueryParams).toEqual(['session', 'api_key']);
    expect(config.captureHeaders).toEqual({ request: ['x-request-id'], response: ['content-type'] });
  });

  it('code options win over the environment', () => {
    const { config } = resolveConfig(
      { serviceName: 's', trustRemoteSampling: true, trustedSamplingHeaders: ['x-a'], redactQueryParams: ['k'], captureHeaders: { request: ['X-B'] } },
      { OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING: 'false', OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS: 'x-env', OTEL_BOOTSTRAP_REDACT_QUERY_PARAMS: 'e', OTEL_BOOTSTRAP_CAPTURE_RESPONSE_HEADERS: 'x-r' },
    );
    expect(config.trustRemoteSampling).toBe(true);
    expect(config.trustedSamplingHeaders).toEqual([{ name: 'x-a' }]);
    expect(config.redactQueryParams).toEqual(['k']);
    expect(config.captureHeaders).toEqual({ request: ['x-b'], response: ['x-r'] });
  });

  it('invalid list entries warn once each and are skipped; the rest are kept', () => {
    const { config, warnings } = resolveConfig(
      { serviceName: 's' },
      { OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS: 'bad header,x-ok,x-empty=', OTEL_BOOTSTRAP_CAPTURE_REQUEST_HEADERS: 'x-a,(b)' },
    );
    expect(warnings).toEqual([
      invalidListEntryWarning('OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS', 'bad header', 'a header name, or name=value'),
      invalidListEntryWarning('OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS', 'x-empty=', 'a header name, or name=value'),
      invalidListEntryWarning('OTEL_BOOTSTRAP_CAPTURE_REQUEST_HEADERS', '(b)', 'an HTTP header name'),
    ]);
    expect(config.trustedSamplingHeaders).toEqual([{ name: 'x-ok' }]);
    expect(config.captureHeaders.request).toEqual(['x-a']);
  });

  it('a bad boolean warns and keeps trust on', () => {
    const { config, warnings } = resolveConfig({ serviceName: 's' }, { OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING: 'no' });
    expect(warnings).toEqual([invalidEnvWarning('OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING', 'no', 'true or false', 'true')]);
    expect(config.trustRemoteSampling).toBe(true);
  });

  it('trustRemoteSampling=false with the official HTTP instrumentation warns once that it is not applied', () => {
    expect(resolveConfig({ serviceName: 's', trustRemoteSampling: false, httpInstrumentation: 'official' }, {}).warnings).toEqual([REMOTE_SAMPLING_TRUST_NOT_APPLIED_WARNING]);
    expect(resolveConfig({ serviceName: 's', trustRemoteSampling: false }, {}).warnings).toEqual([]);
    expect(resolveConfig({ serviceName: 's', trustRemoteSampling: false, httpInstrumentation: 'official', instrumentations: ['undici'] }, {}).warnings).toEqual([]);
  });

  it.each([
    [{ trustRemoteSampling: 'no' }, 'trustRemoteSampling', 'true or false', 'no'],
    [{ trustedSamplingHeaders: ['bad header'] }, 'trustedSamplingHeaders', 'an array of a header name, or name=value strings', ['bad header']],
    [{ trustedSamplingHeaders: 'x-a' }, 'trustedSamplingHeaders', 'an array of a header name, or name=value strings', 'x-a'],
    [{ redactQueryParams: [''] }, 'redactQueryParams', 'an array of non-empty query keys', ['']],
    [{ captureHeaders: ['x-a'] }, 'captureHeaders', 'an object with request and response header name arrays', ['x-a']],
    [{ captureHeaders: { response: ['a b'] } }, 'captureHeaders.response', 'an array of HTTP header names', ['a b']],
  ] as Array<[Record<string, unknown>, string, string, unknown]>)('bad code option %j throws naming it', (options, option, accepted, received) => {
    expect(() => resolveConfig(options as TracingOptions, {})).toThrow(new TypeError(invalidOptionMessage(option, accepted, received)));
  });
});

describe('describeConfig: secrets never appear in the summary', () => {
  it('redacts endpoint credentials and secret query values from the environment, header values and trusted header tokens', () => {
    const { config } = resolveConfig(
      { serviceName: 's', exporter: ['otlp', 'jaeger'] },
      {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://user:otlp-pass@collector.example/v1/traces?X-Amz-Signature=amz-secret&api_key=key-secret&region=eu',
        OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20bearer-secret,x-api-key=apikey-secret',
        OTEL_EXPORTER_JAEGER_ENDPOINT: 'http://u:jaeger-pass@127.0.0.1:14268/api/traces?token=jaeger-token',
        OTEL_EXPORTER_JAEGER_PASSWORD: 'jaeger-password',
        OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS: 'x-debug=debug-token,x-internal',
      },
    );
    const summary = describeConfig(config);
    const text = JSON.stringify(summary);
    for (const secret of ['otlp-pass', 'amz-secret', 'key-secret', 'bearer-secret', 'apikey-secret', 'jaeger-pass', 'jaeger-token', 'jaeger-password', 'debug-token']) {
      expect(text, secret).not.toContain(secret);
    }
    expect(summary.otlp?.headers).toEqual({ Authorization: REDACTED, 'x-api-key': REDACTED });
    expect(new URL(summary.otlp?.url ?? '').searchParams.get('region')).toBe('eu');
    expect(summary.trustedSamplingHeaders).toEqual([`x-debug=${REDACTED}`, 'x-internal']);
  });

  it('warnings about URL and header variables do not print credentials either', () => {
    const { warnings } = resolveConfig(
      { serviceName: 's' },
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ftp://user:ftp-pass@host/x', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://u:base-pass@127.0.0.1:4318', OTEL_EXPORTER_OTLP_HEADERS: 'Authorization Bearer header-secret' },
    );
    expect(warnings).toHaveLength(2);
    const text = warnings.join('\n');
    for (const secret of ['ftp-pass', 'base-pass', 'header-secret']) expect(text).not.toContain(secret);
    expect(warnings[0]).toContain(`from OTEL_EXPORTER_OTLP_ENDPOINT`);
  });
});
