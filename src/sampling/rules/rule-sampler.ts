import { SpanKind, type Attributes, type SpanContext } from '@opentelemetry/api';
import type { SamplingDecision } from '../../sdk/sdk-types';
import { SAMPLING_RULE, decisionAttributes } from '../../sdk/samplers/decision-attributes';
import { LeanSampler, type SamplingNote } from '../../sdk/samplers/lean-sampler';
import { withThreshold } from '../../sdk/samplers/probability-threshold';
import { Decision } from '../../sdk/samplers/sampling-decision';
import { TraceIdRatioSampler } from '../../sdk/samplers/trace-id-ratio';
import { MONOTONIC_CLOCK, TokenBucket, type Clock } from '../token-bucket';
import { compileGlob, type StringMatcher } from './glob';
import { describeRule, ruleProblem, type RuleSpanKind, type SamplingRule } from './sampling-rule';

const KINDS: Readonly<Record<RuleSpanKind, SpanKind>> = {
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

interface CompiledRule {
  /** Span kind required, or -1 for any. */
  readonly kind: number;
  readonly name: StringMatcher | undefined;
  /** Attribute keys and the matcher each value must pass. */
  readonly keys: readonly string[];
  readonly matchers: readonly StringMatcher[];
  readonly action: RuleAction;
}

/**
 * Decides by the first rule whose conditions a span meets, each rule keeping a share of its traces,
 * at most some per second, or none; spans no rule matches go to `fallback` (the profile's
 * sampler). Rules see the span name, kind and start attributes; conditions are compiled once, so
 * a span costs a few string comparisons per rule and allocates nothing unless it is recorded.
 * Attribute values are compared as text (strings, numbers, booleans; arrays never match).
 * Kept spans say which rule kept them (`sampling.rule`, 1-based) and how (`sampler.type`,
 * `sampler.param`). Use it as the root sampler inside a ParentBased sampler.
 */
export class RuleSampler extends LeanSampler {
  readonly #rules: readonly CompiledRule[];
  readonly #fallback: LeanSampler;
  readonly #description: string;
  /** The rule `decide` matched last (-1: the fallback), for `note`. */
  #matched = -1;

  /** Throws a `TypeError` naming the first invalid rule and its position. */
  constructor(rules: readonly SamplingRule[], fallback: LeanSampler, clock: Clock = MONOTONIC_CLOCK) {
    super();
    this.#rules = rules.map((rule, index) => {
      const problem = ruleProblem(rule);
      if (problem !== undefined) throw new TypeError(`sampling rule ${index + 1} ${describeRule(rule)} is invalid: ${problem}.`);
      return compileRule(rule, index + 1, clock);
    });
    this.#fallback = fallback;
    this.#description = `RuleSampler{rules=[${rules.map(describeRule).join(', ')}], fallback=${fallback.toString()}}`;
  }

  decide(parent: SpanContext | undefined, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes | undefined): SamplingDecision {
    const rules = this.#rules;
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index] as CompiledRule;
      if (matches(rule, spanName, spanKind, attributes)) {
        this.#matched = index;
        return rule.action.decide(parent, traceId);
      }
    }
    this.#matched = -1;
    return this.#fallback.decide(parent, traceId, spanName, spanKind, attributes);
  }

  override note(parent: SpanContext | undefined, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes | undefined): SamplingNote | undefined {
    const rule = this.#rules[this.#matched];
    return rule === undefined ? this.#fallback.note(parent, traceId, spanName, spanKind, attributes) : rule.action.note(parent);
  }

  override shutdown(): void {
    this.#fallback.shutdown();
  }

  toString(): string {
    return this.#description;
  }
}

function matches(rule: CompiledRule, spanName: string, spanKind: SpanKind, attributes: Attributes | undefined): boolean {
  if (rule.kind !== -1 && rule.kind !== (spanKind as number)) return false;
  if (rule.name !== undefined && !rule.name(spanName)) return false;
  const keys = rule.keys;
  if (keys.length === 0) return true;
  if (attributes === undefined) return false;
  for (let index = 0; index < keys.length; index++) {
    const value: unknown = attributes[keys[index] as string];
    const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
    if (text === undefined || !(rule.matchers[index] as StringMatcher)(text)) return false;
  }
  return true;
}

function compileRule(rule: SamplingRule, position: number, clock: Clock): CompiledRule {
  const keys: string[] = [];
  const matchers: StringMatcher[] = [];
  const add = (key: string, matcher: StringMatcher): void => {
    keys.push(key);
    matchers.push(matcher);
  };
  if (rule.route !== undefined) add('http.route', compileGlob(rule.route));
  if (rule.method !== undefined) add('http.request.method', caseInsensitive(rule.method));
  if (rule.path !== undefined) add('url.path', compileGlob(rule.path));
  for (const [key, pattern] of Object.entries(rule.attributes ?? {})) add(key, compileGlob(pattern));
  return {
    kind: rule.kind === undefined ? -1 : KINDS[rule.kind],
    name: rule.name === undefined ? undefined : compileGlob(rule.name),
    keys,
    matchers,
    action: new RuleAction(rule, position, clock),
  };
}

/** Matches methods whatever their case; instrumentations already write them upper-case. */
function caseInsensitive(pattern: string): StringMatcher {
  const upper = compileGlob(pattern.toUpperCase());
  return (value) => upper(value) || upper(value.toUpperCase());
}

/** What one rule does with the traces it matches. */
class RuleAction {
  readonly #ratio: TraceIdRatioSampler | undefined;
  readonly #bucket: TokenBucket | undefined;
  readonly #drop: boolean;
  readonly #attributes: Readonly<Attributes>;

  constructor(rule: SamplingRule, position: number, clock: Clock) {
    this.#drop = rule.drop === true || rule.sampleRate === 0 || rule.maxPerSecond === 0;
    this.#ratio = rule.sampleRate === undefined || rule.sampleRate === 1 ? undefined : new TraceIdRatioSampler(rule.sampleRate);
    this.#bucket = rule.maxPerSecond === undefined ? undefined : new TokenBucket(rule.maxPerSecond, Math.max(1, rule.maxPerSecond), clock);
    const how = rule.maxPerSecond === undefined ? decisionAttributes('probabilistic', rule.sampleRate ?? 1) : decisionAttributes('ratelimiting', rule.maxPerSecond);
    this.#attributes = Object.freeze({ ...how, [SAMPLING_RULE]: position });
  }

  decide(parent: SpanContext | undefined, traceId: string): SamplingDecision {
    if (this.#drop) return Decision.NOT_RECORD;
    if (this.#ratio !== undefined && this.#ratio.decide(parent, traceId) === Decision.NOT_RECORD) return Decision.NOT_RECORD;
    if (this.#bucket !== undefined && !this.#bucket.take()) return Decision.NOT_RECORD;
    return Decision.RECORD_AND_SAMPLED;
  }

  note(parent: SpanContext | undefined): SamplingNote {
    // A rate limit leaves the probability unknown: no `th`. A ratio (1 when not given) writes its own.
    const traceState = this.#bucket !== undefined ? withThreshold(parent?.traceState, undefined) : (this.#ratio?.note(parent).traceState ?? withThreshold(parent?.traceState, '0'));
    return traceState === undefined ? { attributes: this.#attributes } : { attributes: this.#attributes, traceState };
  }
}
