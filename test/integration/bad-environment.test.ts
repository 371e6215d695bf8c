import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { invalidEnvWarning, unknownListEntryWarning } from '../../src/config/warnings';
import { assertBuilt, FIXTURE_APPS, startService } from './support/service-process';

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
      invalidEnvWarning('OTEL_TRACES_SAMPLER', 'sometimes', 'one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio', "the profile's parentbased_traceidratio"),
      invalidEnvWarning('OTEL_TRACES_SAMPLER_ARG', 'abc', 'a number from 0 to 1', '0.01'),
      unknownListEntryWarning('OTEL_TRACES_EXPORTER', 'zipkin', ['otlp', 'jaeger', 'console', 'memory', 'none'], "the others listed, or the profile's otlp if none is left"),
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

  it('a bad code option throws a TypeError from init() naming the option', async () => {
    const script = "const { init } = require(process.argv[1]); try { init({ samplingRatio: 2 }); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }";
    const service = await startService(['-e', script, join(__dirname, '..', '..', 'dist', 'index.cjs')], {}, false);
    await service.exited;
    expect(service.stdout().trim()).toBe('TypeError: otel-bootstrap: init() option "samplingRatio" must be a number from 0 to 1; received 2.');
  });
});
