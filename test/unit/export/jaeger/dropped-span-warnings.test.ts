import { diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { DroppedSpanWarnings } from '../../../../src/export/jaeger/dropped-span-warnings';

const WINDOW = 1_000;

describe('DroppedSpanWarnings', () => {
  let warn: MockInstance<typeof diag.warn>;
  beforeEach(() => {
    vi.useFakeTimers();
    warn = vi.spyOn(diag, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const create = (): DroppedSpanWarnings => new DroppedSpanWarnings((count) => `dropped ${count}`, WINDOW);

  it('adds up the drops of one window into a single warning when the window closes', () => {
    const warnings = create();
    warnings.record(1);
    warnings.record(2);
    vi.advanceTimersByTime(WINDOW - 1);
    expect(warn).not.toHaveBeenCalled();
    warnings.record(4);
    vi.advanceTimersByTime(1);
    expect(warn.mock.calls).toEqual([['dropped 7']]);
  });

  it('opens a new window for drops after the previous warning', () => {
    const warnings = create();
    warnings.record(1);
    vi.advanceTimersByTime(WINDOW);
    warnings.record(3);
    vi.advanceTimersByTime(WINDOW);
    expect(warn.mock.calls).toEqual([['dropped 1'], ['dropped 3']]);
  });

  it('prints the pending count at once on flush, and nothing when nothing was dropped', () => {
    const warnings = create();
    warnings.flush();
    warnings.record(0);
    vi.advanceTimersByTime(WINDOW);
    expect(warn).not.toHaveBeenCalled();
    warnings.record(5);
    warnings.flush();
    vi.advanceTimersByTime(WINDOW);
    expect(warn.mock.calls).toEqual([['dropped 5']]);
  });

  it('listens for process exit only while a warning is pending', () => {
    const before = process.listenerCount('exit');
    const warnings = create();
    warnings.record(2);
    warnings.record(1);
    expect(process.listenerCount('exit')).toBe(before + 1);
    const [onExit] = process.listeners('exit').slice(-1);
    (onExit as () => void)();
    expect(warn.mock.calls).toEqual([['dropped 3']]);
    expect(process.listenerCount('exit')).toBe(before);
  });

  it('clears its window timer when flushed early', () => {
    const warnings = create();
    warnings.record(1);
    expect(vi.getTimerCount()).toBe(1);
    warnings.flush();
    expect(vi.getTimerCount()).toBe(0);
  });
});
