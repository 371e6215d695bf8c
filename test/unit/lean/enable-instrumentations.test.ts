import { trace, type TracerProvider } from '@opentelemetry/api';
import type { Instrumentation, InstrumentationConfig } from '@opentelemetry/instrumentation';
import { describe, expect, it } from 'vitest';
import { enableInstrumentations } from '../../../src/instrumentation/enable-instrumentations';
import { LeanFetchInstrumentation } from '../../../src/instrumentation/lean/lean-fetch-instrumentation';
import { isLeanInstrumentation } from '../../../src/instrumentation/lean/is-lean';
import { LeanHttpInstrumentation } from '../../../src/instrumentation/lean/lean-http-instrumentation';

/** Stands for an official or third-party instrumentation and records what registration does to it. */
function recordingInstrumentation(calls: string[]): Instrumentation {
  let config: InstrumentationConfig = { enabled: false };
  return {
    instrumentationName: 'third-party',
    instrumentationVersion: '1.0.0',
    enable: () => {
      calls.push('enable');
      config = { enabled: true };
    },
    disable: () => calls.push('disable'),
    setTracerProvider: () => calls.push('setTracerProvider'),
    setMeterProvider: () => calls.push('setMeterProvider'),
    setConfig: (next) => (config = next),
    getConfig: () => config,
  };
}

describe('enableInstrumentations', () => {
  it('knows the lean instrumentations apart from others', () => {
    const fetchInstrumentation = new LeanFetchInstrumentation({ enabled: false });
    const httpInstrumentation = new LeanHttpInstrumentation({ enabled: false });
    expect(isLeanInstrumentation(fetchInstrumentation)).toBe(true);
    expect(isLeanInstrumentation(httpInstrumentation)).toBe(true);
    expect(isLeanInstrumentation(recordingInstrumentation([]))).toBe(false);
  });

  it('gives lean instrumentations the provider and enables them, registers the others, and disables all', () => {
    const lean = new LeanFetchInstrumentation({ enabled: false });
    const tracerNames: string[] = [];
    const provider: TracerProvider = {
      getTracer: (name, version, options) => {
        tracerNames.push(name);
        return trace.getTracerProvider().getTracer(name, version, options);
      },
    };
    const calls: string[] = [];
    const disable = enableInstrumentations([lean, recordingInstrumentation(calls)], provider);
    expect(lean.getConfig().enabled).toBe(true);
    expect(tracerNames).toEqual([lean.instrumentationName]);
    expect(calls).toEqual(['setTracerProvider', 'setMeterProvider', 'enable']);
    disable();
    expect(lean.getConfig().enabled).toBe(false);
    expect(calls.at(-1)).toBe('disable');
  });
});
