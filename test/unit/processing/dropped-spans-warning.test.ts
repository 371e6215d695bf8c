import { describe, expect, it } from 'vitest';
import { droppedSpansWarning } from '../../../src/processing/dropped-spans-warning';

describe('droppedSpansWarning', () => {
  const settings = { maxQueueSize: 2048, exportTimeoutMillis: 30_000 };

  it('names both causes with their counts and settings', () => {
    expect(droppedSpansWarning({ dropped: 1234, failed: 512, periodMillis: 10_000, ...settings })).toBe(
      'otel-bootstrap: 1234 spans dropped in the last 10 s because the export queue was full (maxQueueSize 2048); ' +
        '512 spans lost because exports failed or timed out (exportTimeoutMillis 30000). ' +
        'The collector may be down or slow; spans are kept again once it recovers.',
    );
  });

  it('leaves out a cause with no spans and puts the period on the one that remains', () => {
    expect(droppedSpansWarning({ dropped: 0, failed: 1, periodMillis: 2400, ...settings })).toBe(
      'otel-bootstrap: 1 span lost in the last 2 s because exports failed or timed out (exportTimeoutMillis 30000). ' +
        'The collector may be down or slow; spans are kept again once it recovers.',
    );
    expect(droppedSpansWarning({ dropped: 7, failed: 0, periodMillis: 0, ...settings })).toMatch(/^otel-bootstrap: 7 spans dropped in the last 1 s because the export queue was full \(maxQueueSize 2048\)\. /);
  });
});
