import type { SpanLimitsConfig } from '../config/options';

/** Span limits with every value present; `Infinity` means unlimited. */
export interface SpanLimits {
  readonly attributeCountLimit: number;
  readonly attributeValueLengthLimit: number;
  readonly eventCountLimit: number;
  readonly linkCountLimit: number;
  readonly attributePerEventCountLimit: number;
  readonly attributePerLinkCountLimit: number;
}

/** The specification's default for every count limit. */
export const DEFAULT_COUNT_LIMIT = 128;

/**
 * The configured limits completed with the specification's defaults (128 for counts, no value
 * length limit). A value length limit of 0 or less is treated as unlimited, as the official SDK does.
 */
export function resolveSpanLimits(config: SpanLimitsConfig = {}): SpanLimits {
  const valueLength = config.attributeValueLengthLimit;
  return {
    attributeCountLimit: config.attributeCountLimit ?? DEFAULT_COUNT_LIMIT,
    attributeValueLengthLimit: valueLength !== undefined && valueLength > 0 ? valueLength : Infinity,
    eventCountLimit: config.eventCountLimit ?? DEFAULT_COUNT_LIMIT,
    linkCountLimit: config.linkCountLimit ?? DEFAULT_COUNT_LIMIT,
    attributePerEventCountLimit: DEFAULT_COUNT_LIMIT,
    attributePerLinkCountLimit: DEFAULT_COUNT_LIMIT,
  };
}
