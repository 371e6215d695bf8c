import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOSS_REPORT_INTERVAL_MILLIS } from '../../src/processing/dropped-span-reporter';
import { closedLoopbackPort } from './support/closed-port';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService, stopService, type ServiceProcess } from './support/service-process';

const APP = join(FIXTURE_APPS, 'express-app.cjs');
const REQUESTS = 1000;
const CONCURRENCY = 50;
const MAX_QUEUE_SIZE = 100;

/** Lines of the aggregated lost-span warning. */
function lossWarnings(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /otel-bootstrap: \d+ spans? (dropped|lost)/.test(line));
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function countBefore(line: string, words: string): number {
  const match = new RegExp(`(\\d+) spans? ${words}`).exec(line);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

describe('spans lost while the collector is down', () => {
  let service: ServiceProcess | undefined;
  beforeAll(() => assertBuilt());
  afterEach(async () => stopService(service));

  it(`${REQUESTS} requests then SIGTERM: one aggregated warning whose counts cover every span, and a clean exit`, async () => {
    const port = await closedLoopbackPort();
    service = await startService(['--require', REGISTER_CJS, APP], {
      NODE_ENV: 'production',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_SERVICE_NAME: 'collector-down',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_BSP_MAX_QUEUE_SIZE: String(MAX_QUEUE_SIZE),
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '50',
      // Bounds each failing export (however the exporter retries) well within the 5 s shutdown deadline.
      OTEL_BSP_EXPORT_TIMEOUT: '1000',
    });
    const sendStart = Date.now();
    let answered = 0;
    for (let round = 0; round < REQUESTS / CONCURRENCY; round++) {
      const statuses = await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, i) => {
          const response = await fetch(`${service!.baseUrl}/users/${round * CONCURRENCY + i}`);
          await response.arrayBuffer();
          return response.status;
        }),
      );
      answered += statuses.filter((status) => status === 200).length;
    }
    expect(answered).toBe(REQUESTS);
    service.kill('SIGTERM');
    const { code, signal } = await service.exited;
    const stderr = service.stderr();
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(stderr).not.toContain('shutdown did not finish');
    expect(stderr).not.toMatch(/unhandled/i);

    const warnings = lossWarnings(stderr);
    const elapsed = Date.now() - sendStart;
    // One warning covers every loss from the first one until the shutdown report. Only on a machine
    // so loaded that sending took longer than a report interval can the timer report once before.
    if (elapsed < LOSS_REPORT_INTERVAL_MILLIS) expect(warnings).toHaveLength(1);
    else expect(warnings.length).toBeLessThanOrEqual(1 + Math.floor(elapsed / LOSS_REPORT_INTERVAL_MILLIS));
    expect(warnings.length).toBeGreaterThan(0);
    const dropped = sum(warnings.map((line) => countBefore(line, 'dropped')));
    const lost = sum(warnings.map((line) => countBefore(line, 'lost')));
    // Nothing reached a collector, so every span is either refused by the full queue or lost with a
    // failed export: together they are every request, and whatever was dropped was dropped because
    // the queue of 100 was full.
    expect(dropped + lost).toBe(REQUESTS);
    expect(lost).toBeGreaterThan(0);
    for (const line of warnings) {
      if (countBefore(line, 'dropped') > 0) expect(line).toContain(`because the export queue was full (maxQueueSize ${MAX_QUEUE_SIZE})`);
      // Each loss names its real cause: the refused connection, or the processor's own export timeout.
      if (countBefore(line, 'lost') > 0) expect(line).toMatch(/lost( in the last \d+ s)? in export: \d+ \((OTLP export failed: ECONNREFUSED|the export did not finish within exportTimeoutMillis 1000)/);
    }
  });
});
