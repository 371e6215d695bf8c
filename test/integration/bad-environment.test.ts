import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  invalidEnvWarning,
  invalidHeaderWarning,
  invalidListEntryWarning,
  invalidResourceAttributeWarning,
  unknownEnvironmentWarning,
  unknownListEntryWarning,
} from '../../src/config/warnings';
import { unknownInstrumentationWarning } from '../../src/instrumentation/create-instrumentations';
import { startOtlpReceiver } from './support/otlp-receiver';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService, stopService } from './support/service-process';

describe('a bad environment never breaks the service', () => {
  beforeAll(() => assertBuilt());

  it('prints exactly one warning per bad value, names what was used, and the service starts', async () => {
    const service = await startService([join(FIXTURE_APPS, 'print-config.cjs')], {
      NODE_ENV: 'production',
      OTEL_SERVICE_NAME: 'bad-env',
      OTEL_TRACES_SAMPLER_ARG: 'abc',
      OTEL_BSP_MAX_QUEUE_SIZE: '-5',
      OTEL_TRACES_SAMPLER: 'sometimes',
      OTEL_TRACES_EXPORTER: 'zipkin',
      OTEL_PROPAGATORS: 'tracecontext,xray',
      OTEL_BSP_SCHEDULE_DELAY: 'soon',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url',
    }, false);
    const { code } = await service.exited;
    expect(code).toBe(0);
    const expected = [
      invalidEnvWarning('OTEL_TRACES_SAMPLER', 'sometimes', 'one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio, parentbased_ratelimiting, jaeger_remote, parentbased_jaeger_remote', "the profile's parentbased_traceidratio (0.01)"),
      invalidEnvWarning('OTEL_TRACES_SAMPLER_ARG', 'abc', 'a number from 0 to 1', '0.01'),
      unknownListEntryWarning('OTEL_TRACES_EXPORTER', 'zipkin', ['otlp', 'jaeger', 'console', 'memory', 'file', 'none'], "the others listed, or the profile's otlp if none is left"),
      invalidEnvWarning('OTEL_BSP_MAX_QUEUE_SIZE', '-5', 'a whole number from 1 to 10000000', '2048'),
      invalidEnvWarning('OTEL_BSP_SCHEDULE_DELAY', 'soon', 'a whole number from 0 to 3600000', '5000'),
      invalidEnvWarning('OTEL_EXPORTER_OTLP_ENDPOINT', 'not a url', 'an http:// or https:// URL', 'http://localhost:4318/v1/traces'),
      unknownListEntryWarning('OTEL_PROPAGATORS', 'xray', ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'none'], 'the others listed, or tracecontext,baggage if none is left'),
    ];
    const stderr = service.stderr();
    for (const warning of expected) {
      expect(stderr.split(warning).length - 1, `${warning}\n--- stderr ---\n${stderr}`).toBe(1);
    }
    expect(stderr.split('\n').filter((line) => line.startsWith('otel-bootstrap:'))).toHaveLength(expected.length);
    const printed = JSON.parse(service.stdout().trim()) as { enabled: boolean; config: { sampler: string; batch: { maxQueueSize: number }; exporters: string[]; propagators: string[] } };
    expect(printed.enabled).toBe(true);
    expect(printed.config.sampler).toBe('parentbased_traceidratio (0.01)');
    expect(printed.config.batch.maxQueueSize).toBe(2048);
    expect(printed.config.exporters).toEqual(['otlp']);
    expect(printed.config.propagators).toEqual(['tracecontext']);
  });

  it('a service with a bad value in every variable at once warns once for each, answers requests and exports spans', async () => {
    const receiver = await startOtlpReceiver();
    const whole = (min: number, max: number): string => `a whole number from ${min} to ${max}`;
    const badEnvironment: Record<string, string> = {
      NODE_ENV: 'qa',
      OTEL_RESOURCE_ATTRIBUTES: 'novalue',
      OTEL_SDK_DISABLED: 'yes',
      OTEL_TRACES_SAMPLER: 'sometimes',
      // Read only for ratio samplers, which the bad sampler leaves unused: no warning.
      OTEL_TRACES_SAMPLER_ARG: '2',
      OTEL_TRACES_EXPORTER: 'otlp,zipkin',
      OTEL_BSP_MAX_QUEUE_SIZE: '-5',
      OTEL_BSP_SCHEDULE_DELAY: 'soon',
      OTEL_BSP_EXPORT_TIMEOUT: '0',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '1e3',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'soap',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'carrier-pigeon',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'Authorization Bearer not-shown',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: '=x',
      OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: 'abc',
      OTEL_EXPORTER_OTLP_TIMEOUT: '-1',
      OTEL_EXPORTER_JAEGER_ENDPOINT: 'ftp://127.0.0.1/x',
      OTEL_EXPORTER_JAEGER_AGENT_PORT: '70000',
      OTEL_PROPAGATORS: 'tracecontext,xray',
      OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,express,undici,nosuch',
      OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: 'fast',
      OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING: 'maybe',
      OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS: 'a b',
      OTEL_BOOTSTRAP_CAPTURE_REQUEST_HEADERS: 'a b',
      OTEL_BOOTSTRAP_CAPTURE_RESPONSE_HEADERS: '(x)',
      OTEL_BOOTSTRAP_SHUTDOWN_SIGNALS: 'on',
      OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT: 'later',
      OTEL_LOG_LEVEL: 'loud',
      OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: 'x',
      OTEL_ATTRIBUTE_COUNT_LIMIT: '-1',
      OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: '1.5',
      OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '100000001',
      OTEL_SPAN_EVENT_COUNT_LIMIT: '99999999',
      OTEL_SPAN_LINK_COUNT_LIMIT: '-3',
      // Read by the OpenTelemetry SDK itself, not by the package.
      OTEL_EXPORTER_OTLP_COMPRESSION: 'zip',
      OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT: 'abc',
    };
    const expected = [
      invalidResourceAttributeWarning('novalue'),
      unknownEnvironmentWarning('NODE_ENV', 'qa', 'development'),
      invalidEnvWarning('OTEL_SDK_DISABLED', 'yes', 'true or false', 'false'),
      invalidEnvWarning('OTEL_TRACES_SAMPLER', 'sometimes', 'one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio, parentbased_ratelimiting, jaeger_remote, parentbased_jaeger_remote', "the profile's parentbased_always_on"),
      unknownListEntryWarning('OTEL_TRACES_EXPORTER', 'zipkin', ['otlp', 'jaeger', 'console', 'memory', 'file', 'none'], "the others listed, or the profile's console if none is left"),
      invalidEnvWarning('OTEL_BSP_MAX_QUEUE_SIZE', '-5', whole(1, 10_000_000), '2048'),
      invalidEnvWarning('OTEL_BSP_SCHEDULE_DELAY', 'soon', whole(0, 3_600_000), '5000'),
      invalidEnvWarning('OTEL_BSP_EXPORT_TIMEOUT', '0', whole(1, 3_600_000), '30000'),
      invalidEnvWarning('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', '1e3', whole(1, 10_000_000), '512'),
      invalidEnvWarning('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'soap', 'one of http/protobuf, http/json, grpc', 'http/protobuf'),
      invalidEnvWarning('OTEL_EXPORTER_OTLP_PROTOCOL', 'carrier-pigeon', 'one of http/protobuf, http/json, grpc', 'http/protobuf'),
      invalidEnvWarning('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'not a url', 'an http:// or https:// URL', `${receiver.url}/v1/traces from OTEL_EXPORTER_OTLP_ENDPOINT`),
      invalidHeaderWarning('OTEL_EXPORTER_OTLP_HEADERS', 1),
      invalidHeaderWarning('OTEL_EXPORTER_OTLP_TRACES_HEADERS', 1),
      invalidEnvWarning('OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', 'abc', whole(1, 600_000), '10000'),
      invalidEnvWarning('OTEL_EXPORTER_OTLP_TIMEOUT', '-1', whole(1, 600_000), '10000'),
      invalidEnvWarning('OTEL_EXPORTER_JAEGER_ENDPOINT', 'ftp://127.0.0.1/x', 'an http:// or https:// URL', 'the UDP agent'),
      invalidEnvWarning('OTEL_EXPORTER_JAEGER_AGENT_PORT', '70000', whole(1, 65535), '6832'),
      unknownListEntryWarning('OTEL_PROPAGATORS', 'xray', ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'none'], 'the others listed, or tracecontext,baggage if none is left'),
      invalidEnvWarning('OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION', 'fast', 'one of lean, official', 'lean'),
      invalidEnvWarning('OTEL_BOOTSTRAP_TRUST_REMOTE_SAMPLING', 'maybe', 'true or false', 'true'),
      invalidListEntryWarning('OTEL_BOOTSTRAP_TRUSTED_SAMPLING_HEADERS', 'a b', 'a header name, or name=value'),
      invalidListEntryWarning('OTEL_BOOTSTRAP_CAPTURE_REQUEST_HEADERS', 'a b', 'an HTTP header name'),
      invalidListEntryWarning('OTEL_BOOTSTRAP_CAPTURE_RESPONSE_HEADERS', '(x)', 'an HTTP header name'),
      invalidEnvWarning('OTEL_BOOTSTRAP_SHUTDOWN_SIGNALS', 'on', 'true or false', 'true'),
      invalidEnvWarning('OTEL_BOOTSTRAP_SHUTDOWN_TIMEOUT', 'later', whole(0, 600_000), '5000'),
      invalidEnvWarning('OTEL_LOG_LEVEL', 'loud', 'one of none, error, warn, info, debug, verbose, all', 'warn'),
      invalidEnvWarning('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT', 'x', whole(0, 1_000_000), 'the SDK default'),
      invalidEnvWarning('OTEL_ATTRIBUTE_COUNT_LIMIT', '-1', whole(0, 1_000_000), 'the SDK default'),
      invalidEnvWarning('OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT', '1.5', whole(0, 100_000_000), 'no limit'),
      invalidEnvWarning('OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT', '100000001', whole(0, 100_000_000), 'no limit'),
      invalidEnvWarning('OTEL_SPAN_EVENT_COUNT_LIMIT', '99999999', whole(0, 1_000_000), 'the SDK default'),
      invalidEnvWarning('OTEL_SPAN_LINK_COUNT_LIMIT', '-3', whole(0, 1_000_000), 'the SDK default'),
      unknownInstrumentationWarning('nosuch'),
    ];
    const service = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'express-app.cjs')], { OTEL_SERVICE_NAME: 'all-bad', ...badEnvironment });
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(`${service.baseUrl}/users/${i}`)).status).toBe(200);
      const spans = await receiver.waitForSpans(3, 30_000, (span) => span.kind === 2 && span.resource['service.name'] === 'all-bad');
      expect(spans.map((span) => span.name)).toEqual(['GET /users/:id', 'GET /users/:id', 'GET /users/:id']);
      const stderr = service.stderr();
      for (const warning of expected) expect(stderr.split(warning).length - 1, `${warning}\n--- stderr ---\n${stderr}`).toBe(1);
      expect(stderr.split('\n').filter((line) => line.startsWith('otel-bootstrap:'))).toHaveLength(expected.length);
      expect(stderr).not.toContain('not-shown');
    } finally {
      await stopService(service);
      await receiver.close();
    }
  });

  it('a bad code option throws a TypeError from init() naming the option', async () => {
    const script = "const { init } = require(process.argv[1]); try { init({ samplingRatio: 2 }); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }";
    const service = await startService(['-e', script, join(__dirname, '..', '..', 'dist', 'index.cjs')], {}, false);
    await service.exited;
    expect(service.stdout().trim()).toBe('TypeError: otel-bootstrap: init() option "samplingRatio" must be a number from 0 to 1; received 2.');
  });
});
