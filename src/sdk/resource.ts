import { diag, type Attributes } from '@opentelemetry/api';
import type { Resource } from './sdk-types';
import { defaultServiceName, SDK_IDENTITY } from './sdk-identity';

/** A key and its value, a promise of one, or undefined (the API's attribute values are `unknown` since 1.10). */
type RawAttribute = [string, unknown];

function isPromiseLike(value: unknown): value is Promise<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * A resource: the attributes describing the process that produces spans. It implements the
 * `Resource` interface of `@opentelemetry/resources` 2.x without loading that package. The
 * resources this package builds are synchronous; a merge with a resource that still waits for
 * detected attributes keeps them pending until {@link LeanResource.waitForAsyncAttributes}.
 */
export class LeanResource implements Resource {
  readonly #raw: RawAttribute[];
  #pending: boolean;
  #attributes: Attributes | undefined;
  readonly #schemaUrl: string | undefined;

  /** `raw` in priority order: the first entry for a key wins. */
  constructor(raw: RawAttribute[], schemaUrl?: string) {
    this.#raw = raw;
    this.#pending = raw.some(([, value]) => isPromiseLike(value));
    this.#schemaUrl = schemaUrl;
  }

  /** Whether some attributes are promises that have not settled yet. */
  get asyncAttributesPending(): boolean {
    return this.#pending;
  }

  /** The settled attributes; for each key the first defined value wins. */
  get attributes(): Attributes {
    if (this.#attributes !== undefined) return this.#attributes;
    const attributes: Attributes = {};
    for (const [key, value] of this.#raw) {
      if (value === undefined || value === null || isPromiseLike(value)) continue;
      attributes[key] ??= value;
    }
    if (!this.#pending) this.#attributes = attributes;
    return attributes;
  }

  /** The schema URL, if any. */
  get schemaUrl(): string | undefined {
    return this.#schemaUrl;
  }

  /** Settles attributes that are promises; a rejected one is left out. */
  async waitForAsyncAttributes(): Promise<void> {
    if (!this.#pending) return;
    for (let index = 0; index < this.#raw.length; index++) {
      const [key, value] = this.#raw[index] as RawAttribute;
      if (!isPromiseLike(value)) continue;
      // A new pair, not an edit: merged resources share the pairs of the resources they came from.
      try {
        this.#raw[index] = [key, await value];
      } catch (error) {
        diag.debug(`resource attribute ${key} was not detected: ${String(error)}`);
        this.#raw[index] = [key, undefined];
      }
    }
    this.#pending = false;
  }

  /** The attributes as `[key, value]` pairs in priority order, values possibly still promises. */
  getRawAttributes(): RawAttribute[] {
    return this.#raw;
  }

  /** A resource with this one's attributes and `other`'s, `other` winning where both have a key. */
  merge(other: Resource | null): Resource {
    if (other === null || other === undefined) return this;
    return new LeanResource([...other.getRawAttributes(), ...this.#raw], mergeSchemaUrls(this.#schemaUrl, other.schemaUrl));
  }
}

/** The specification's rule: an empty URL yields to the other, two different ones give none. */
function mergeSchemaUrls(current: string | undefined, incoming: string | undefined): string | undefined {
  if (current === undefined || current === '') return incoming;
  if (incoming === undefined || incoming === '' || incoming === current) return current;
  return undefined;
}

/** A resource holding exactly `attributes`. */
export function resourceFromAttributes(attributes: Attributes): LeanResource {
  return new LeanResource(Object.entries(attributes));
}

/** The SDK's default resource: an unknown-service name and the SDK identity. */
export function defaultResource(): LeanResource {
  return resourceFromAttributes({ 'service.name': defaultServiceName(), ...SDK_IDENTITY });
}
