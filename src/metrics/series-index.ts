interface CodeEntry<S> {
  plain: S | undefined;
  details: Map<string, S> | undefined;
}

/**
 * Finds a series by a key of three primitive parts without building a key string: `text` (a
 * route or a host, `''` for none), `code` (a number packing the small attributes: method, status,
 * scheme, port) and an optional `detail` (an error type that the code does not imply). Lookups of
 * existing series allocate nothing.
 */
export class SeriesIndex<S> {
  readonly #byText = new Map<string, Map<number, CodeEntry<S>>>();
  #size = 0;

  /** Number of series stored. */
  get size(): number {
    return this.#size;
  }

  get(text: string, code: number, detail: string | undefined): S | undefined {
    const entry = this.#byText.get(text)?.get(code);
    if (entry === undefined) return undefined;
    return detail === undefined ? entry.plain : entry.details?.get(detail);
  }

  set(text: string, code: number, detail: string | undefined, series: S): void {
    let byCode = this.#byText.get(text);
    if (byCode === undefined) {
      byCode = new Map();
      this.#byText.set(text, byCode);
    }
    let entry = byCode.get(code);
    if (entry === undefined) {
      entry = { plain: undefined, details: undefined };
      byCode.set(code, entry);
    }
    if (detail === undefined) {
      if (entry.plain === undefined) this.#size++;
      entry.plain = series;
      return;
    }
    entry.details ??= new Map();
    if (!entry.details.has(detail)) this.#size++;
    entry.details.set(detail, series);
  }
}
