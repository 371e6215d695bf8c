import { describe, expect, it } from 'vitest';
import { droppedSpansWarning } from '../../../src/processing/dropped-spans-warning';

describe('droppedSpansWarning', () => {
  const settings = { maxQueueSize: 2048 };

  it('names the queue drops and each export loss cause with its count, the most frequent first', () => {
    expect(
      droppedSpansWarning({
        dropped: 1234,
        lost: [
          { spans: 12, cause: 'rejected by the collector (partial success: invalid span id)' },
          { spans: 500, cause: 'OTLP export failed: ECONNREFUSED after 5 attempts' },
        ],
        periodMillis: 10_000,
        ...settings,
      }),
    ).toBe(
      'otel-bootstrap: 1234 spans dropped in the last 10 s because the export queue was full (maxQueueSize 2048); ' +
        '512 spans lost in export: 500 (OTLP export failed: ECONNREFUSED after 5 attempts), 12 (rejected by the collector (partial success: invalid span id)). ' +
        'Spans are kept again once the collector accepts them.',
    );
  });

  it('leaves out a cause with no spans and puts the period on the one that remains', () => {
    expect(droppedSpansWarning({ dropped: 0, lost: [{ spans: 1, cause: 'the export did not finish within exportTimeoutMillis 30000' }], periodMillis: 2400, ...settings })).toBe(
      'otel-bootstrap: 1 span lost in the last 2 s in export: 1 (the export did not finish within exportTimeoutMillis 30000). Spans are kept again once the collector accepts them.',
    );
    expect(droppedSpansWarning({ dropped: 7, lost: [], periodMillis: 0, ...settings })).toMatch(/^otel-bootstrap: 7 spans dropped in the last 1 s because the export queue was full \(maxQueueSize 2048\)\. /);
  });

  it('lists three causes and counts the rest together', () => {
    const lost = ['a', 'b', 'c', 'd', 'e'].map((cause, index) => ({ spans: 10 - index, cause }));
    expect(droppedSpansWarning({ dropped: 0, lost, periodMillis: 1000, ...settings })).toContain('40 spans lost in the last 1 s in export: 10 (a), 9 (b), 8 (c), 13 (other causes).');
  });
});
