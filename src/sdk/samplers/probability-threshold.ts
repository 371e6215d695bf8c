/**
 * OpenTelemetry consistent probability sampling: a ratio becomes a 56-bit rejection threshold
 * `T = 2^56 - round(ratio * 2^56)`, a trace is kept when its randomness `R` (the last 56 bits of
 * the trace id, or an explicit `rv` in the `ot` trace state entry) is at least `T`, and the kept
 * span records `T` as `th` in that entry so anyone downstream knows it stands for `1 / ratio`
 * traces. Thresholds are computed as the official composite sampler computes them.
 */
import type { TraceState } from '@opentelemetry/api';
import { W3CTraceState } from '../../propagation/w3c/trace-state';
import { generatedRandomnessAtLeast } from '../ids';

/** The `tracestate` key OpenTelemetry's own sampling values live under. */
export const OT_TRACE_STATE_KEY = 'ot';
const TH_PREFIX = 'th:';
const RV_PREFIX = 'rv:';
const RANDOMNESS_DIGITS = 14;
const TWO_POW_56 = 1n << 56n;

/** A threshold split into exact 24- and 32-bit halves, and its `th` text (undefined when nothing is kept). */
export interface ProbabilityThreshold {
  readonly high: number;
  readonly low: number;
  readonly th: string | undefined;
}

/** The threshold of `ratio` (0..1). Ratio 0 keeps nothing and has no `th`. */
export function thresholdOf(ratio: number): ProbabilityThreshold {
  const threshold = TWO_POW_56 - BigInt(Math.round(ratio * 2 ** 56));
  return { high: Number(threshold >> 32n), low: Number(threshold & 0xffffffffn), th: threshold === TWO_POW_56 ? undefined : thText(threshold) };
}

/** Hex digits of the 56-bit threshold with trailing zeros removed; `0` for keep-all. */
function thText(threshold: bigint): string {
  if (threshold === 0n) return '0';
  return threshold.toString(16).padStart(RANDOMNESS_DIGITS, '0').replace(/0+$/, '');
}

/**
 * Whether trace `traceId` is kept under `threshold`: 1 kept, 0 not, -1 when the trace id is not
 * valid (32 hex digits, not all zero). An explicit `rv` in `traceState` wins over the trace id.
 */
export function keptUnder(threshold: ProbabilityThreshold, traceId: string, traceState: TraceState | undefined): -1 | 0 | 1 {
  if (traceState === undefined) {
    const generated = generatedRandomnessAtLeast(traceId, threshold.high, threshold.low);
    if (generated !== -1) return generated;
  } else {
    const explicit = explicitRandomness(traceState);
    if (explicit !== undefined) return atLeast(explicit.high, explicit.low, threshold) ? 1 : 0;
  }
  return parsedRandomnessAtLeast(traceId, threshold);
}

function atLeast(high: number, low: number, threshold: ProbabilityThreshold): boolean {
  return high > threshold.high || (high === threshold.high && low >= threshold.low);
}

function parsedRandomnessAtLeast(traceId: string, threshold: ProbabilityThreshold): -1 | 0 | 1 {
  if (traceId.length !== 32) return -1;
  let invalid = 0;
  let anyBitSet = 0;
  let high = 0;
  let low = 0;
  for (let index = 0; index < 32; index++) {
    const nibble = HEX_VALUES[traceId.charCodeAt(index)] ?? -1;
    invalid |= nibble;
    anyBitSet |= nibble;
    if (index >= 24) low = ((low << 4) | (nibble & 0xf)) >>> 0;
    else if (index >= 18) high = (high << 4) | (nibble & 0xf);
  }
  if (invalid < 0 || anyBitSet === 0) return -1;
  return atLeast(high, low, threshold) ? 1 : 0;
}

/** The `rv` value of the `ot` entry, when it is 14 hex digits. */
function explicitRandomness(traceState: TraceState): { high: number; low: number } | undefined {
  const ot = traceState.get(OT_TRACE_STATE_KEY);
  if (ot === undefined) return undefined;
  const member = ot.split(';').find((part) => part.startsWith(RV_PREFIX));
  const digits = member?.slice(RV_PREFIX.length);
  if (digits === undefined || !/^[0-9a-f]{14}$/.test(digits)) return undefined;
  return { high: Number.parseInt(digits.slice(0, 6), 16), low: Number.parseInt(digits.slice(6), 16) };
}

/**
 * `traceState` with the `ot` entry's `th` set to `th`, or removed when `th` is undefined (a
 * decision whose probability is not known, such as a rate limit, must not pass on an older one).
 * Other `ot` sub-keys (`rv`, vendor ones) are kept.
 */
export function withThreshold(traceState: TraceState | undefined, th: string | undefined): TraceState | undefined {
  const current = traceState?.get(OT_TRACE_STATE_KEY);
  const others = current === undefined ? [] : current.split(';').filter((part) => part !== '' && !part.startsWith(TH_PREFIX));
  const parts = th === undefined ? others : [`${TH_PREFIX}${th}`, ...others];
  if (parts.length === 0) return current === undefined ? traceState : traceState?.unset(OT_TRACE_STATE_KEY);
  return (traceState ?? W3CTraceState.empty()).set(OT_TRACE_STATE_KEY, parts.join(';'));
}

/** The `th` of the `ot` entry, if any. */
export function thresholdText(traceState: TraceState | undefined): string | undefined {
  const member = traceState?.get(OT_TRACE_STATE_KEY)?.split(';').find((part) => part.startsWith(TH_PREFIX));
  return member?.slice(TH_PREFIX.length);
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
