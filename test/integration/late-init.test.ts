import { beforeAll, describe, expect, it } from 'vitest';
import { loadedTooEarlyWarning } from '../../src/instrumentation/loaded-too-early';
import { assertBuilt, REPO_ROOT, startService } from './support/service-process';

/** A service that requires express first and starts tracing after it, as in the field report. */
const lateInit = (httpInstrumentation: string): string => `
  require('express');
  const { init } = require(${JSON.stringify(`${REPO_ROOT}/dist/index.cjs`)});
  const tracing = init({ serviceName: 'late', exporter: 'none', httpInstrumentation: ${JSON.stringify(httpInstrumentation)} });
  void tracing.shutdown();
`;

describe('init() after express was required', () => {
  beforeAll(() => assertBuilt());

  it('with the official HTTP instrumentation, warns that express cannot be instrumented', async () => {
    const service = await startService(['-e', lateInit('official')], {}, false);
    const { code } = await service.exited;
    expect(code, service.stderr()).toBe(0);
    expect(service.stderr()).toContain(loadedTooEarlyWarning(['express']));
  });

  it('with the lean HTTP instrumentation, which traces it anyway, says nothing', async () => {
    const service = await startService(['-e', lateInit('lean')], {}, false);
    await service.exited;
    expect(service.stderr()).not.toContain('loaded before init()');
  });
});
