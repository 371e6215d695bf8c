import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportFailureReporter, FAILURE_WINDOW_MILLIS } from '../../../src/export/otlp/failure-reporter';
import { exportFailedWarning, exportFailuresSummaryWarning, exportResumedMessage } from '../../../src/export/otlp/messages';

const URL = 'http://collector:4318/v1/traces';

describe('ExportFailureReporter', () => {
  const warnings: string[] = [];
  const infos: string[] = [];
  let reporter: ExportFailureReporter;
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    warnings.length = 0;
    infos.length = 0;
    reporter = new ExportFailureReporter(URL, { warn: (message) => warnings.push(message), info: (message) => infos.push(message) });
  });
  afterEach(() => {
    reporter.close();
    vi.useRealTimers();
  });

  it('warns at once for the first failure, then summarises the rest of the window in one warning', () => {
    reporter.failure('HTTP 503 after 5 attempts', 10);
    expect(warnings).toEqual([exportFailedWarning(URL, 'HTTP 503 after 5 attempts', 10, 60)]);
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(1000);
      reporter.failure(i === 19 ? 'ECONNREFUSED after 5 attempts' : 'HTTP 503', 5);
    }
    expect(warnings).toHaveLength(1);
    vi.advanceTimersByTime(FAILURE_WINDOW_MILLIS);
    expect(warnings).toEqual([exportFailedWarning(URL, 'HTTP 503 after 5 attempts', 10, 60), exportFailuresSummaryWarning(URL, 20, 100, 'ECONNREFUSED after 5 attempts', 60)]);
  });

  it('warns at once again once a window has passed without failures', () => {
    reporter.failure('HTTP 400, not retried', 1);
    vi.advanceTimersByTime(FAILURE_WINDOW_MILLIS + 1);
    reporter.failure('HTTP 400, not retried', 2);
    expect(warnings).toEqual([exportFailedWarning(URL, 'HTTP 400, not retried', 1, 60), exportFailedWarning(URL, 'HTTP 400, not retried', 2, 60)]);
  });

  it('logs one info line when export resumes, counting every failure since the last success', () => {
    reporter.success();
    expect(infos).toEqual([]);
    reporter.failure('HTTP 503', 1);
    reporter.failure('HTTP 503', 1);
    reporter.failure('HTTP 503', 1);
    reporter.success();
    reporter.success();
    expect(infos).toEqual([exportResumedMessage(URL, 3)]);
    vi.advanceTimersByTime(2 * FAILURE_WINDOW_MILLIS);
    // The pending summary was folded into the resumed message.
    expect(warnings).toHaveLength(1);
  });

  it('writes a pending summary at close and never keeps a timer after it', () => {
    reporter.failure('EAI_AGAIN', 1);
    reporter.failure('EAI_AGAIN', 4);
    reporter.close();
    expect(warnings[1]).toBe(exportFailuresSummaryWarning(URL, 1, 4, 'EAI_AGAIN', 60));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('messages start with the package prefix and say what happens instead', () => {
    expect(exportFailedWarning(URL, 'HTTP 503', 3, 60)).toMatch(/^otel-bootstrap: OTLP export to http:\/\/collector:4318\/v1\/traces failed \(HTTP 503\); 3 span\(s\) dropped, the service is unaffected/);
  });
});
