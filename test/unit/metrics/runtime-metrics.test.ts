import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { GaugeMetric, HistogramMetric, MetricData, SumMetric } from '../../../src/metrics/metric-data';
import { RuntimeMetrics } from '../../../src/metrics/runtime/runtime-metrics';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let runtime: RuntimeMetrics | undefined;
afterEach(() => runtime?.stop());

const named = <T extends MetricData>(metrics: MetricData[], name: string): T => {
  const found = metrics.find((metric) => metric.name === name);
  if (found === undefined) throw new Error(`no ${name} in ${metrics.map((metric) => metric.name).join(', ')}`);
  return found as T;
};

describe('runtime metrics', () => {
  it('report event loop delay and utilisation, GC durations by type, heap per space, RSS and CPU with the conventions names', async () => {
    runtime = new RuntimeMetrics();
    runtime.start();
    // Let the delay monitor take samples, and make major collections happen.
    await new Promise((resolve) => setTimeout(resolve, 120));
    collectGarbage();
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const metrics = runtime.collect();
    for (const suffix of ['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p99']) {
      const delay = named<GaugeMetric>(metrics, `nodejs.eventloop.delay.${suffix}`);
      expect(delay.unit).toBe('s');
      expect(delay.points[0]?.value).toBeGreaterThan(0);
    }
    const utilization = named<GaugeMetric>(metrics, 'nodejs.eventloop.utilization').points[0]?.value ?? Number.NaN;
    expect(utilization).toBeGreaterThanOrEqual(0);
    expect(utilization).toBeLessThanOrEqual(1);
    expect(named<SumMetric>(metrics, 'nodejs.eventloop.time').points.map((point) => point.attributes['nodejs.eventloop.state'])).toEqual(['active', 'idle']);
    const gc = named<HistogramMetric>(metrics, 'v8js.gc.duration');
    expect(gc.points.map((point) => point.attributes['v8js.gc.type'])).toContain('major');
    expect(gc.boundaries).toEqual([0.01, 0.1, 1, 10]);
    const heap = named<SumMetric>(metrics, 'v8js.memory.heap.used');
    expect(heap.points.map((point) => point.attributes['v8js.heap.space.name'])).toContain('old_space');
    expect(named<SumMetric>(metrics, 'process.memory.usage').points[0]?.value).toBeGreaterThan(1024 * 1024);
    expect(named<SumMetric>(metrics, 'process.cpu.time').points.map((point) => point.attributes['cpu.mode'])).toEqual(['user', 'system']);
  });

  it('stop ends the delay sampling and the GC observer; a second start does nothing', () => {
    runtime = new RuntimeMetrics();
    runtime.start();
    runtime.start();
    runtime.stop();
    expect(runtime.collect().some((metric) => metric.name === 'nodejs.eventloop.delay.p99')).toBe(false);
  });
});
