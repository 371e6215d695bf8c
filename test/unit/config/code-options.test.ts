import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { describeConfig } from '../../../src/config/describe';
import { invalidOptionMessage } from '../../../src/config/errors';
import type { TracingOptions } from '../../../src/config/options';
import { resolveConfig } from '../../../src/config/resolve';
import { closestName } from '../../../src/config/unknown-options';
import { invalidEnvWarning, unknownOptionWarning } from '../../../src/config/warnings';
import type { Instrumentation } from '../../../src/sdk/sdk-types';
import { createInstrumentations } from '../../../src/instrumentation/create-instrumentations';
import { describeRunningInstrumentations } from '../../../src/instrumentation/running-instrumentations';
import { loadedTooEarlyWarning, modulesLoadedTooEarlyWarning } from '../../../src/instrumentation/loaded-too-early';
import { differingOptions } from '../../../src/options-fingerprint';

const resolve = (options: TracingOptions, env: Record<string, string> = {}) => resolveConfig({ serviceName: 's', ...options }, env);

/** A stand-in for an official instrumentation object (FsInstrumentation and the like). */
function fakeInstrumentation(name: string, modules: string[] = []): Instrumentation & { getModuleDefinitions(): Array<{ name: string }> } {
  let enabled = false;
  return {
    instrumentationName: name,
    instrumentationVersion: '1.0.0',
    enable: () => void (enabled = true),
    disable: () => void (enabled = false),
    setTracerProvider: () => undefined,
    setMeterProvider: () => undefined,
    setConfig: () => undefined,
    getConfig: () => ({ enabled }),
    getModuleDefinitions: () => modules.map((module) => ({ name: module })),
  };
}

describe('otlp.endpoint from code', () => {
  it.each([
    ['http://127.0.0.1:14319/v1/traces', 'http://127.0.0.1:14319/v1/traces'],
    ['http://h:4318/v1/traces?x=1', 'http://h:4318/v1/traces?x=1'],
    ['http://h:4318/custom/path', 'http://h:4318/custom/path'],
    ['http://h:4318', 'http://h:4318/v1/traces'],
    ['http://h:4318/', 'http://h:4318/v1/traces'],
    ['http://h:4318/?x=1', 'http://h:4318/v1/traces?x=1'],
  ])('%s is sent to %s', (endpoint, url) => {
    expect(resolve({ otlp: { endpoint } }).config.otlp.url).toBe(url);
  });

  it('the base variable keeps its query after the added path', () => {
    expect(resolve({}, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://h:4318/otlp?x=1' }).config.otlp.url).toBe('http://h:4318/otlp/v1/traces?x=1');
  });

  it.each(['localhost:4318', 'ftp://h/v1/traces', 'h:4318/v1/traces'])('%s is refused: only http and https URLs', (endpoint) => {
    expect(() => resolve({ otlp: { endpoint } })).toThrow(new TypeError(invalidOptionMessage('otlp.endpoint', 'an absolute http:// or https:// URL', endpoint)));
  });

  it('jaeger.endpoint takes only http and https URLs too', () => {
    expect(() => resolve({ jaeger: { endpoint: 'localhost:14268' } })).toThrow(TypeError);
  });
});

describe('environment from code', () => {
  it.each([
    ['prod', 'production'],
    ['PROD', 'production'],
    ['stage', 'staging'],
    ['dev', 'development'],
    ['local', 'development'],
    ['testing', 'test'],
    ['Production', 'production'],
  ])('%s picks the %s profile, as NODE_ENV does', (environment, profile) => {
    expect(resolve({ environment: environment as TracingOptions['environment'] }).config.profile).toBe(profile);
    expect(resolve({}, { NODE_ENV: environment }).config.profile).toBe(profile);
  });

  it('an unknown name still throws, listing the accepted names', () => {
    expect(() => resolve({ environment: 'qa' as TracingOptions['environment'] })).toThrow(/"environment" must be one of production, prod, staging, stage, development, dev, local, test, testing/);
  });
});

describe('unknown option keys', () => {
  it('warn once each, naming the closest known option', () => {
    const { warnings } = resolveConfig({ servicename: 'x', otlp: { endpont: 'http://h:4318' }, flubber: 1 } as TracingOptions, {});
    expect(warnings).toContain(unknownOptionWarning('servicename', 'serviceName'));
    expect(warnings).toContain(unknownOptionWarning('otlp.endpont', 'otlp.endpoint'));
    expect(warnings).toContain(unknownOptionWarning('flubber', undefined));
    expect(warnings.filter((warning) => warning.includes('servicename'))).toHaveLength(1);
  });

  it('known options give no such warning', () => {
    expect(resolve({ samplingRatio: 1, batch: { maxQueueSize: 10 }, captureHeaders: { request: ['x-a'] } }).warnings).toEqual([]);
  });

  it('closestName ignores case and refuses far-off names', () => {
    expect(closestName('SAMPLINGRATIO', ['samplingRatio', 'sampler'])).toBe('samplingRatio');
    expect(closestName('zzzzzz', ['samplingRatio', 'sampler'])).toBeUndefined();
  });
});

describe('instrumentations: names and objects in one list', () => {
  it('an object alone adds to the defaults', () => {
    const fs = fakeInstrumentation('@opentelemetry/instrumentation-fs');
    const { config } = resolve({ instrumentations: [fs] });
    expect(config.instrumentations.enabled).toEqual(['http', 'express', 'undici']);
    expect(config.instrumentations.objects).toEqual([fs]);
    const built = createInstrumentations(config).instrumentations.map((instrumentation) => instrumentation.instrumentationName);
    expect(built).toEqual(['otel-bootstrap/lean-http', 'otel-bootstrap/lean-fetch', '@opentelemetry/instrumentation-fs']);
  });

  it("names and objects mix; 'none' drops the defaults", () => {
    const fs = fakeInstrumentation('@opentelemetry/instrumentation-fs');
    expect(resolve({ instrumentations: ['default', fs] }).config.instrumentations).toMatchObject({ enabled: ['http', 'express', 'undici'], objects: [fs] });
    expect(resolve({ instrumentations: ['none', fs] }).config.instrumentations).toMatchObject({ enabled: [], objects: [fs] });
    expect(resolve({ instrumentations: ['http', fs] }).config.instrumentations).toMatchObject({ enabled: ['http'], objects: [fs] });
  });

  it("'all' keeps the full set's own defaults: fs stays off unless named, disabled names stay off", () => {
    const names = (options: TracingOptions, env: Record<string, string> = {}): string[] =>
      createInstrumentations(resolve(options, env).config).instrumentations.map((instrumentation) => instrumentation.instrumentationName);
    const all = names({ instrumentations: 'all' });
    expect(all).toContain('@opentelemetry/instrumentation-pg');
    expect(all).not.toContain('@opentelemetry/instrumentation-fs');
    expect(all.filter((name) => name.endsWith('instrumentation-http') || name.endsWith('instrumentation-express'))).toEqual([]);
    expect(names({ instrumentations: ['all', 'fs'] })).toContain('@opentelemetry/instrumentation-fs');
    expect(names({ instrumentations: 'all' }, { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pg' })).not.toContain('@opentelemetry/instrumentation-pg');
  });

  it('anything else in the list is refused', () => {
    expect(() => resolve({ instrumentations: ['http', 42] as unknown as TracingOptions['instrumentations'] })).toThrow(TypeError);
  });
});

describe('configuration summary shows what runs', () => {
  it('names the processor in force for each exporter', () => {
    expect(describeConfig(resolve({ environment: 'production' }).config).processor).toBe('batch');
    expect(describeConfig(resolve({ environment: 'development' }).config).processor).toBe('simple');
    expect(describeConfig(resolve({ exporter: ['otlp', 'console'] }).config).processor).toBe('batch (otlp), simple (console)');
    expect(describeConfig(resolve({ exporter: new InMemorySpanExporter() }).config).processor).toBe('simple');
    expect(describeConfig(resolve({ exporter: 'none' }).config).processor).toBe('none');
    expect(describeConfig(resolve({ exporter: 'console', processor: 'batch' }).config).processor).toBe('batch');
  });

  it('leaves out the settings of exporters not in use', () => {
    const consoleOnly = describeConfig(resolve({ exporter: 'console' }).config);
    expect(consoleOnly).not.toHaveProperty('otlp');
    expect(consoleOnly).not.toHaveProperty('jaeger');
    expect(consoleOnly).not.toHaveProperty('batch');
    const both = describeConfig(resolve({ exporter: ['otlp', 'jaeger'] }).config);
    expect(both.otlp?.url).toBe('http://localhost:4318/v1/traces');
    expect(both.jaeger?.agent).toBe('localhost:6832');
  });

  it('lists instrumentations whose module is not installed apart from those that run', () => {
    const { config } = resolve({});
    const running = describeRunningInstrumentations(
      [
        ...createInstrumentations(config).instrumentations,
        fakeInstrumentation('@opentelemetry/instrumentation-pg', ['pg']),
        fakeInstrumentation('@opentelemetry/instrumentation-fs', ['fs']),
        fakeInstrumentation('@opentelemetry/instrumentation-express', ['express']),
      ],
      config,
    );
    expect(running).toEqual({ instrumentations: ['http', 'express', 'undici', 'fs'], instrumentationsWithoutModule: ['pg'] });
    const summary = describeConfig(config, running);
    expect(summary.instrumentations).toEqual(['http', 'express', 'undici', 'fs']);
    expect(summary.instrumentationsWithoutModule).toEqual(['pg']);
  });
});

describe('second init(): which options differ', () => {
  it('names top-level and nested keys', () => {
    const exporter = new InMemorySpanExporter();
    expect(differingOptions({ serviceName: 'a', otlp: { endpoint: 'http://h:1', protocol: 'http/json' }, exporter }, { serviceName: 'b', otlp: { endpoint: 'http://h:2', protocol: 'http/json' }, exporter })).toEqual([
      'otlp.endpoint',
      'serviceName',
    ]);
    expect(differingOptions({}, { samplingRatio: 1 })).toEqual(['samplingRatio']);
    expect(differingOptions({ ignorePaths: [/a/] }, { ignorePaths: [/a/] })).toEqual([]);
  });
});

describe('late init() with the official HTTP instrumentation', () => {
  const official = { httpInstrumentation: 'official' as const, instrumentations: { enabled: ['http', 'express', 'undici'], disabled: [], objects: [] } };

  it('warns when express was loaded before', () => {
    expect(modulesLoadedTooEarlyWarning(official, ['/app/node_modules/express/index.js'])).toBe(loadedTooEarlyWarning(['express']));
  });

  it('says nothing when express loads later, or with the lean instrumentation', () => {
    expect(modulesLoadedTooEarlyWarning(official, ['/app/node_modules/left-pad/index.js'])).toBeUndefined();
    expect(modulesLoadedTooEarlyWarning({ ...official, httpInstrumentation: 'lean' }, ['/app/node_modules/express/index.js'])).toBeUndefined();
  });
});

describe('OTEL_BOOTSTRAP_CONSOLE_VERBOSE', () => {
  it('turns the verbose console tree on; the summary shows it with the console exporter', () => {
    expect(resolve({}, {}).config.consoleVerbose).toBe(false);
    const { config } = resolve({ exporter: 'console' }, { OTEL_BOOTSTRAP_CONSOLE_VERBOSE: 'true' });
    expect(config.consoleVerbose).toBe(true);
    expect(describeConfig(config).console).toEqual({ verbose: true });
  });

  it('a bad value warns and keeps the compact tree', () => {
    const { config, warnings } = resolve({}, { OTEL_BOOTSTRAP_CONSOLE_VERBOSE: 'loud' });
    expect(config.consoleVerbose).toBe(false);
    expect(warnings).toEqual([invalidEnvWarning('OTEL_BOOTSTRAP_CONSOLE_VERBOSE', 'loud', 'true or false', 'false')]);
  });
});
