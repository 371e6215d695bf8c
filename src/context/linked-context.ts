import { ROOT_CONTEXT, type Context } from '@opentelemetry/api';

/** Marks a key deleted in a link, hiding any value an older link or the base holds for it. */
const DELETED = Symbol('otel-bootstrap.context.deleted');

/** The key of the empty context's link, which no one reads. */
const NO_KEY = Symbol('otel-bootstrap.context.empty');

/** Past this many links, a new context folds the chain into its base so lookups stay short. */
const MAX_LINKS = 16;

/**
 * An immutable context that adds one value to a parent context. The API's own context copies all
 * its values into a new `Map` on every `setValue`, which is a good part of the cost of entering a
 * span; a link costs one small object, and a lookup walks at most {@link MAX_LINKS} links before
 * asking the base context. It behaves as any `Context`: values set on it are seen by its
 * descendants only, and `deleteValue` hides a value without touching the parent.
 */
class LinkedContext implements Context {
  readonly #parent: Context;
  readonly #key: symbol;
  readonly #value: unknown;
  readonly #links: number;

  constructor(parent: Context, key: symbol, value: unknown, links: number) {
    this.#parent = parent;
    this.#key = key;
    this.#value = value;
    this.#links = links;
  }

  getValue(key: symbol): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walking the chain of links
    let link: LinkedContext = this;
    for (;;) {
      if (link.#key === key) return link.#value === DELETED ? undefined : link.#value;
      const parent = link.#parent;
      if (!(parent instanceof LinkedContext)) return parent.getValue(key);
      link = parent;
    }
  }

  setValue(key: symbol, value: unknown): Context {
    return withValue(this, key, value);
  }

  deleteValue(key: symbol): Context {
    return withValue(this, key, DELETED);
  }

  /** The same values on the base context alone, with no links: the base does the copying. */
  fold(): Context {
    const parent = this.#parent;
    const base = parent instanceof LinkedContext ? parent.fold() : parent;
    if (this.#key === NO_KEY) return base;
    return this.#value === DELETED ? base.deleteValue(this.#key) : base.setValue(this.#key, this.#value);
  }

  get links(): number {
    return this.#links;
  }
}

/**
 * `context.setValue(key, value)` in constant time: a new context that reads `value` for `key` and
 * everything else from `context`. Works on any context; on the API's contexts it saves the copy
 * of every value they make.
 */
export function withValue(context: Context, key: symbol, value: unknown): Context {
  if (!(context instanceof LinkedContext)) return new LinkedContext(context, key, value, 1);
  if (context.links < MAX_LINKS) return new LinkedContext(context, key, value, context.links + 1);
  return new LinkedContext(context.fold(), key, value, 1);
}

/**
 * An empty context, as `ROOT_CONTEXT`, whose descendants are linked contexts: a base for contexts
 * this package builds from nothing, such as the one extracted from a request's headers.
 */
export const EMPTY_CONTEXT: Context = new LinkedContext(ROOT_CONTEXT, NO_KEY, undefined, 0);
