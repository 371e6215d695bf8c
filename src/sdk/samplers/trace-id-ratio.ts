import type { SpanContext } from '@opentelemetry/api';
import type { SamplingDecision } from '@opentelemetry/sdk-trace-base';
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
    const words = xorOfWords(traceId);
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
  for (let wordStart = 0; wordStart < 32; wordStart += 8) {
    let word = 0;
    for (let index = wordStart; index < wordStart + 8; index++) {
      const nibble = hexValue(traceId.charCodeAt(index));
      if (nibble === -1) return -1;
      word = (word << 4) | nibble;
    }
    anyBitSet |= word;
    accumulated = (accumulated ^ word) >>> 0;
  }
  return anyBitSet === 0 ? -1 : accumulated;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}
