import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REINIT_WARNING, reinitWarning } from '../../src/config/warnings';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService } from './support/service-process';

describe('init() in a process already started by the register entry', () => {
  beforeAll(() => assertBuilt());

  it('returns the same manager every time and warns once about differing options', async () => {
    const service = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'init-twice.cjs')], { OTEL_SERVICE_NAME: 'init-twice', OTEL_TRACES_EXPORTER: 'none' }, false);
    const { code } = await service.exited;
    expect(code, service.stderr()).toBe(0);
    expect(JSON.parse(service.stdout().trim())).toEqual({ sameAsRegister: true, allSame: true });
    expect(service.stderr().split(REINIT_WARNING).length - 1).toBe(1);
    expect(service.stderr()).toContain(reinitWarning(['serviceName']));
  });

  it('importing the package entry does nothing by itself', async () => {
    const script = [
      "const reads = [];",
      "const env = process.env;",
      "process.env = new Proxy(env, { get(target, key) { if (typeof key === 'string') reads.push(key); return target[key]; } });",
      "const listeners = process.listenerCount('SIGTERM') + process.listenerCount('SIGINT') + process.listenerCount('beforeExit');",
      "const api = require('@opentelemetry/api');",
      "require(process.argv[1]);",
      "process.env = env;",
      "const timers = process.getActiveResourcesInfo().filter((name) => name === 'Timeout' || name === 'Immediate').length;",
      "const registered = api.trace.getTracerProvider().getDelegate().constructor.name;",
      "const newListeners = process.listenerCount('SIGTERM') + process.listenerCount('SIGINT') + process.listenerCount('beforeExit') - listeners;",
      "console.log(JSON.stringify({ newListeners, registered, timers, otelEnvReads: reads.filter((key) => key.startsWith('OTEL_') || key === 'NODE_ENV') }));",
    ].join('\n');
    const service = await startService(['-e', script, join(__dirname, '..', '..', 'dist', 'index.cjs')], {}, false);
    await service.exited;
    expect(JSON.parse(service.stdout().trim())).toEqual({ newListeners: 0, registered: 'NoopTracerProvider', timers: 0, otelEnvReads: [] });
  });
});
