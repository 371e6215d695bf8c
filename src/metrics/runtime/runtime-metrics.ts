import { constants, monitorEventLoopDelay, performance, PerformanceObserver, type EventLoopUtilization, type ELDHistogram, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { GC_DURATION_BUCKETS } from '../buckets';
import { HistogramInstrument } from '../histogram-instrument';
import type { GaugeMetric, MetricData, MetricProducer, SumMetric } from '../metric-data';

/** How often the event loop delay is sampled, in ms. */
const DELAY_RESOLUTION_MILLIS = 20;
const NANOS_PER_SECOND = 1e9;

const GC_TYPES: Readonly<Record<number, string>> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
const GC_TYPE_CODES = new Map(Object.entries(GC_TYPES).map(([code, type]) => [type, Number(code)]));

function gcAttributes(_text: string, code: number): { 'v8js.gc.type': string } {
  return { 'v8js.gc.type': GC_TYPES[code] ?? 'major' };
}

/**
 * Node.js runtime metrics with the semantic conventions' names, read from `perf_hooks` and `v8`
 * at collection time: event loop delay (`nodejs.eventloop.delay.*`, since the previous
 * collection), utilisation and time per state, GC durations by type (`v8js.gc.duration`), heap
 * per space and RSS (`process.memory.usage`), CPU time. Its sampling timer and observer never
 * keep the process alive.
 */
export class RuntimeMetrics implements MetricProducer {
  readonly #gc = new HistogramInstrument({ name: 'v8js.gc.duration', description: 'Garbage collection duration.', unit: 's', boundaries: GC_DURATION_BUCKETS }, 16);
  #delay: ELDHistogram | undefined;
  #observer: PerformanceObserver | undefined;
  #lastUtilization: EventLoopUtilization | undefined;

  start(): void {
    if (this.#delay !== undefined) return;
    this.#delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MILLIS });
    this.#delay.enable();
    this.#lastUtilization = performance.eventLoopUtilization();
    this.#observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind ?? constants.NODE_PERFORMANCE_GC_MAJOR;
        const code = GC_TYPE_CODES.get(GC_TYPES[kind] ?? 'major') ?? constants.NODE_PERFORMANCE_GC_MAJOR;
        this.#gc.series('', code, undefined, gcAttributes).record(entry.duration / 1000, performance.timeOrigin + entry.startTime);
      }
    });
    this.#observer.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.#delay?.disable();
    this.#delay = undefined;
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  collect(): MetricData[] {
    const metrics: MetricData[] = [...this.#eventLoop(), this.#gc.collect(), ...this.#memory(), this.#cpu()];
    return metrics;
  }

  #eventLoop(): MetricData[] {
    const metrics: MetricData[] = [];
    const delay = this.#delay;
    if (delay !== undefined && delay.count > 0) {
      const gauge = (name: string, description: string, nanos: number): GaugeMetric => ({ kind: 'gauge', name, description, unit: 's', points: [{ attributes: {}, value: nanos / NANOS_PER_SECOND }] });
      metrics.push(
        gauge('nodejs.eventloop.delay.min', 'Event loop minimum delay.', delay.min),
        gauge('nodejs.eventloop.delay.max', 'Event loop maximum delay.', delay.max),
        gauge('nodejs.eventloop.delay.mean', 'Event loop mean delay.', delay.mean),
        gauge('nodejs.eventloop.delay.stddev', 'Event loop standard deviation delay.', delay.stddev),
        gauge('nodejs.eventloop.delay.p50', 'Event loop 50 percentile delay.', delay.percentile(50)),
        gauge('nodejs.eventloop.delay.p90', 'Event loop 90 percentile delay.', delay.percentile(90)),
        gauge('nodejs.eventloop.delay.p99', 'Event loop 99 percentile delay.', delay.percentile(99)),
      );
      delay.reset();
    }
    const now = performance.eventLoopUtilization();
    const since = this.#lastUtilization === undefined ? now : performance.eventLoopUtilization(now, this.#lastUtilization);
    this.#lastUtilization = now;
    metrics.push({ kind: 'gauge', name: 'nodejs.eventloop.utilization', description: 'Event loop utilization.', unit: '1', points: [{ attributes: {}, value: since.utilization }] });
    const time: SumMetric = {
      kind: 'sum',
      monotonic: true,
      name: 'nodejs.eventloop.time',
      description: 'Cumulative duration of time the event loop has been in each state.',
      unit: 's',
      points: [
        { attributes: { 'nodejs.eventloop.state': 'active' }, value: now.active / 1000 },
        { attributes: { 'nodejs.eventloop.state': 'idle' }, value: now.idle / 1000 },
      ],
    };
    metrics.push(time);
    return metrics;
  }

  #memory(): MetricData[] {
    const spaces = getHeapSpaceStatistics();
    const bySpace = (read: (space: (typeof spaces)[number]) => number) => spaces.map((space) => ({ attributes: { 'v8js.heap.space.name': space.space_name }, value: read(space) }));
    return [
      { kind: 'sum', monotonic: false, name: 'v8js.memory.heap.used', description: 'Heap Memory size allocated.', unit: 'By', points: bySpace((space) => space.space_used_size) },
      { kind: 'sum', monotonic: false, name: 'v8js.memory.heap.space.size', description: 'Total heap memory size pre-allocated for a heap space.', unit: 'By', points: bySpace((space) => space.space_size) },
      { kind: 'gauge', name: 'v8js.memory.heap.space.available_size', description: 'Heap space available size.', unit: 'By', points: bySpace((space) => space.space_available_size) },
      { kind: 'gauge', name: 'v8js.memory.heap.space.physical_size', description: 'Committed size of a heap space.', unit: 'By', points: bySpace((space) => space.physical_space_size) },
      { kind: 'sum', monotonic: false, name: 'v8js.memory.heap.limit', description: 'Heap size limit of the process.', unit: 'By', points: [{ attributes: {}, value: getHeapStatistics().heap_size_limit }] },
      { kind: 'sum', monotonic: false, name: 'process.memory.usage', description: 'The amount of physical memory in use (RSS).', unit: 'By', points: [{ attributes: {}, value: process.memoryUsage.rss() }] },
    ];
  }

  #cpu(): SumMetric {
    const usage = process.cpuUsage();
    return {
      kind: 'sum',
      monotonic: true,
      name: 'process.cpu.time',
      description: 'Total CPU seconds broken down by different CPU modes.',
      unit: 's',
      points: [
        { attributes: { 'cpu.mode': 'user' }, value: usage.user / 1e6 },
        { attributes: { 'cpu.mode': 'system' }, value: usage.system / 1e6 },
      ],
    };
  }
}
