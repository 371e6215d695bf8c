/**
 * Trace ids in the records of the real pino, winston and bunyan packages, for a CommonJS and an
 * ES module app, started by the register entries and by init(), on the Node.js line running the
 * tests (CI runs the suite on 22, 24 and 26). Each child logs once inside a span and once
 * outside, to stdout, which the test reads.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanEnv, FIXTURE_APPS, REGISTER_CJS, REGISTER_MJS } from './support/service-process';

const APPS = join(FIXTURE_APPS, 'loggers');
const LOGGERS = ['pino', 'winston', 'bunyan'] as const;
const STARTS: Array<{ name: string; args: string[]; env: Record<string, string> }> = [
  { name: 'CommonJS with --require', args: ['--require', REGISTER_CJS, join(APPS, 'app.cjs')], env: {} },
  { name: 'ESM with --import', args: ['--import', REGISTER_MJS, join(APPS, 'app.mjs')], env: {} },
  { name: 'CommonJS with init()', args: [join(APPS, 'app.cjs')], env: { INIT: '1' } },
  { name: 'ESM with init() after the imports were linked', args: [join(APPS, 'app.mjs')], env: { INIT: '1' } },
];

interface LogRecord {
  msg?: string;
  message?: string;
  trace_id?: string;
  span_id?: string;
  trace_flags?: string;
}

beforeAll(() => assertBuilt());

describe(`log records carry trace ids on Node ${process.version}`, () => {
  describe.each(LOGGERS)('%s', (logger) => {
    it.each(STARTS)('$name', ({ args, env }) => {
      const run = spawnSync(process.execPath, args, {
        env: cleanEnv({ OTEL_SERVICE_NAME: 'logs-fixture', OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none', LOGGER: logger, ...env }),
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status, run.stderr).toBe(0);
      // No warning of any kind, from Node or the package.
      expect(run.stderr).toBe('');
      const lines = run.stdout.trim().split('\n');
      const span = /^SPAN ([0-9a-f]{32}) ([0-9a-f]{16})$/.exec(lines[0] ?? '');
      expect(span, run.stdout).not.toBeNull();
      const records = lines.slice(1).map((line) => JSON.parse(line) as LogRecord);
      const text = (record: LogRecord): string | undefined => record.msg ?? record.message;
      const inside = records.find((record) => text(record) === 'inside');
      const outside = records.find((record) => text(record) === 'outside');
      expect(inside).toMatchObject({ trace_id: span?.[1], span_id: span?.[2], trace_flags: '01' });
      expect(outside).toBeDefined();
      expect(outside).not.toHaveProperty('trace_id');
      expect(outside).not.toHaveProperty('span_id');
    });
  });
});
