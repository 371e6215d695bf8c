import { diag, type Attributes } from '@opentelemetry/api';
import { HistogramSeries } from './histogram-series';
import type { HistogramMetric } from './metric-data';
import { SeriesIndex } from './series-index';
import { OVERFLOW_ATTRIBUTE, seriesLimitWarning } from './warnings';

/** Turns a series key back into the series' attributes. */
export type AttributeBuilder = (text: string, code: number, detail: string | undefined) => Attributes;

/** What a {@link HistogramInstrument} is. */
export interface HistogramDescriptor {
  name: string;
  description: string;
  unit: string;
  boundaries: readonly number[];
}

/**
 * An explicit-bucket histogram whose series are found by a {@link SeriesIndex} key. At most
 * `seriesLimit` series are kept; measurements of further attribute sets go to one overflow series
 * marked `otel.metric.overflow=true`, with one warning, so memory stays bounded whatever the
 * attributes do.
 */
export class HistogramInstrument {
  readonly descriptor: HistogramDescriptor;
  readonly #limit: number;
  readonly #index = new SeriesIndex<HistogramSeries>();
  readonly #all: HistogramSeries[] = [];
  #overflow: HistogramSeries | undefined;
  #warned = false;

  constructor(descriptor: HistogramDescriptor, seriesLimit: number) {
    this.descriptor = descriptor;
    this.#limit = Math.max(1, seriesLimit);
  }

  /**
   * The series for a key, created with the attributes `build` makes of it the first time the key
   * is seen. `build` is a plain function (not a closure made per call), and looking up an existing
   * key allocates nothing.
   */
  series(text: string, code: number, detail: string | undefined, build: AttributeBuilder): HistogramSeries {
    const found = this.#index.get(text, code, detail);
    if (found !== undefined) return found;
    if (this.#index.size >= this.#limit - 1) return this.#overflowSeries();
    const created = new HistogramSeries(Object.freeze(build(text, code, detail)), this.descriptor.boundaries);
    this.#index.set(text, code, detail, created);
    this.#all.push(created);
    return created;
  }

  /** Number of series, the overflow series included. */
  get seriesCount(): number {
    return this.#all.length;
  }

  collect(): HistogramMetric {
    const { name, description, unit, boundaries } = this.descriptor;
    return { kind: 'histogram', name, description, unit, boundaries, points: this.#all.filter((series) => series.count > 0).map((series) => series.point()) };
  }

  #overflowSeries(): HistogramSeries {
    if (this.#overflow === undefined) {
      this.#overflow = new HistogramSeries(Object.freeze({ [OVERFLOW_ATTRIBUTE]: true }), this.descriptor.boundaries);
      this.#all.push(this.#overflow);
    }
    if (!this.#warned) {
      this.#warned = true;
      diag.warn(seriesLimitWarning(this.descriptor.name, this.#limit));
    }
    return this.#overflow;
  }
}
