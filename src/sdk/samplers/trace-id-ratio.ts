import type { SpanContext } from '@opentelemetry/api';
import type { SamplingDecision } from '../sdk-types';
import { generatedTraceIdWords } from '../ids';
import { LeanSampler } from './lean-sampler';
import { Decision } from './sampling-decision';

/**
 * Samples a fixed share of traces (`traceidratio`), deciding from the trace id alone so every
 * service with the same ratio makes the same decision for a trace. The mapping from trace id to
 * decision is the official JavaScript SDK's: the four 32-bit words of the id XORed together, sampled
 * when below `floor(ratio * 0xffffffff)` (or always at ratio 1).
 */
export class TraceIdRatioSampler extends LeanSampler {
  readonly #ratio: number;
  readonly #upperBound: number;

  /** `ratio` is clamped to 0..1; anything that is not a number counts as 0. */
  constructor(ratio: number) {
    super();
    this.#ratio = typeof ratio !== 'number' || Number.isNaN(ratio) ? 0 : Math.min(1, Math.max(0, ratio));
    this.#upperBound = this.#ratio === 1 ? 0x100000000 : Math.floor(this.#ratio * 0xffffffff);
  }

  decide(_parent: SpanContext | undefined, traceId: string): SamplingDecision {
    const words = generatedTraceIdWords(traceId) ?? xorOfWords(traceId);
    return words !== -1 && words < this.#upperBound ? Decision.RECORD_AND_SAMPLED : Decision.NOT_RECORD;
  }

  toString(): string {
    return `TraceIdRatioBased{${this.#ratio}}`;
  }
}

/**
 * The XOR of the trace id's four 32-bit words, or -1 when it is not a valid trace id (32 hex
 * characters in either case, not all zeros), which is never sampled.
 */
function xorOfWords(traceId: string): number {
  if (traceId.length !== 32) return -1;
  let accumulated = 0;
  let anyBitSet = 0;
  let invalid = 0;
  for (let wordStart = 0; wordStart < 32; wordStart += 8) {
    let word = 0;
    for (let index = wordStart; index < wordStart + 8; index++) {
      const nibble = HEX_VALUES[traceId.charCodeAt(index)] ?? -1;
      invalid |= nibble;
      word = (word << 4) | (nibble & 0xf);
    }
    anyBitSet |= word;
    accumulated ^= word;
  }
  return invalid < 0 || anyBitSet === 0 ? -1 : accumulated >>> 0;
}

/** The value of each hex digit by character code; -1, or no entry above 0xff, for anything else. */
const HEX_VALUES = (() => {
  const values = new Int8Array(256).fill(-1);
  for (let digit = 0; digit < 16; digit++) {
    values[digit.toString(16).charCodeAt(0)] = digit;
    values[digit.toString(16).toUpperCase().charCodeAt(0)] = digit;
  }
  return values;
})();
