import { SpanKind, type Attributes } from '@opentelemetry/api';
import { tagAttributes } from './tag-values';

/** OpenTracing's standard tags that change more than an attribute. */
export const SPAN_KIND_TAG = 'span.kind';
export const ERROR_TAG = 'error';
export const SAMPLING_PRIORITY_TAG = 'sampling.priority';

const KINDS: Readonly<Record<string, SpanKind>> = {
  client: SpanKind.CLIENT,
  server: SpanKind.SERVER,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
  internal: SpanKind.INTERNAL,
};

/** What a set of OpenTracing tags means for an OpenTelemetry span. */
export interface MappedTags {
  /** Every other tag (`sampling.priority` included, so the sampler sees it at start). */
  attributes: Attributes;
  /** From a `span.kind` tag of `client`, `server`, `producer`, `consumer` or `internal`. */
  kind?: SpanKind;
  /** `true` for `error: true` (or `'true'`): the span's status becomes ERROR. */
  error: boolean;
  /** Whether a `sampling.priority` tag was given. */
  samplingPriority: boolean;
}

const MAPPED = new Set([SPAN_KIND_TAG, ERROR_TAG]);

/**
 * Maps OpenTracing tags: `span.kind` becomes the span kind (an unknown kind stays an attribute),
 * `error: true` the ERROR status (`error: false` changes nothing: an OpenTelemetry status is unset
 * until something fails), every other tag an attribute of the same name.
 */
export function mapTags(tags: Record<string, unknown>): MappedTags {
  const kindTag = tags[SPAN_KIND_TAG];
  const kind = typeof kindTag === 'string' ? KINDS[kindTag.toLowerCase()] : undefined;
  const attributes = tagAttributes(tags, MAPPED);
  if (kindTag !== undefined && kind === undefined) Object.assign(attributes, tagAttributes({ [SPAN_KIND_TAG]: kindTag }));
  const errorTag = tags[ERROR_TAG];
  return {
    attributes,
    ...(kind === undefined ? {} : { kind }),
    error: errorTag === true || errorTag === 'true',
    samplingPriority: Object.hasOwn(tags, SAMPLING_PRIORITY_TAG),
  };
}
