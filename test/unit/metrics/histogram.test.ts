import { diag } from '@opentelemetry/api';
import { describe, expect, it, vi } from 'vitest';
import { HTTP_DURATION_BUCKETS } from '../../../src/metrics/buckets';
import { HistogramInstrument } from '../../../src/metrics/histogram-instrument';
import { HistogramSeries } from '../../../src/metrics/histogram-series';
import { SeriesIndex } from '../../../src/metrics/series-index';
import { OVERFLOW_ATTRIBUTE, seriesLimitWarning } from '../../../src/metrics/warnings';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';

describe('HistogramSeries', () => {
  it('counts each value in the first bucket whose upper bound holds it (bounds inclusive), and keeps count, sum, min and max', () => {
    const series = new HistogramSeries({}, [1, 5, 10]);
    for (const value of [0, 1, 1.0001, 5, 7, 10, 11, 100]) series.record(value, 0);
    const point = series.point();
    expect(point.bucketCounts).toEqual([2, 2, 2, 2]);
    expect(point).toMatchObject({ count: 8, sum: 135.0001, min: 0, max: 100 });
  });

  it('keeps the latest sampled measurement of each bucket as its exemplar, and none for buckets only unsampled ones reached', () => {
    const series = new HistogramSeries({}, [1, 5]);
    series.record(0.5, 1000, TRACE, 'aaaaaaaaaaaaaaaa');
    series.record(0.7, 2000, TRACE, SPAN);
    series.record(3, 3000);
    series.record(9, 4000, TRACE, SPAN);
    expect(series.point().exemplars).toEqual([
      { value: 0.7, timeMillis: 2000, traceId: TRACE, spanId: SPAN },
      { value: 9, timeMillis: 4000, traceId: TRACE, spanId: SPAN },
    ]);
  });
});

describe('SeriesIndex', () => {
  it('finds series by text, code and detail, each part telling series apart', () => {
    const index = new SeriesIndex<string>();
    index.set('/a', 1, undefined, 'a1');
    index.set('/a', 2, undefined, 'a2');
    index.set('/a', 1, 'ECONNREFUSED', 'a1-refused');
    index.set('', 1, undefined, 'none1');
    expect([index.get('/a', 1, undefined), index.get('/a', 2, undefined), index.get('/a', 1, 'ECONNREFUSED'), index.get('', 1, undefined), index.get('/b', 1, undefined)]).toEqual(['a1', 'a2', 'a1-refused', 'none1', undefined]);
    expect(index.size).toBe(4);
  });
});

describe('HistogramInstrument series limit', () => {
  it('keeps at most the limit (the overflow series included) and warns once', () => {
    const warn = vi.spyOn(diag, 'warn').mockImplementation(() => undefined);
    const instrument = new HistogramInstrument({ name: 'test.duration', description: '', unit: 's', boundaries: HTTP_DURATION_BUCKETS }, 10);
    for (let route = 0; route < 50; route++) instrument.series(`/r${route}`, 200, undefined, (text) => ({ 'http.route': text })).record(0.001, 0);
    expect(instrument.seriesCount).toBe(10);
    const points = instrument.collect().points;
    expect(points.reduce((total, point) => total + point.count, 0)).toBe(50);
    expect(points.find((point) => point.attributes[OVERFLOW_ATTRIBUTE] === true)?.count).toBe(41);
    expect(warn.mock.calls).toEqual([[seriesLimitWarning('test.duration', 10)]]);
  });

  it('finds an existing series again instead of making a new one', () => {
    const instrument = new HistogramInstrument({ name: 'x', description: '', unit: 's', boundaries: [1] }, 100);
    const build = vi.fn((text: string) => ({ route: text }));
    const first = instrument.series('/a', 1, undefined, build);
    expect(instrument.series('/a', 1, undefined, build)).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
  });
});
