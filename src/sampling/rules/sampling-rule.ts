/**
 * Sampling rules as users write them (in code, or as JSON in `OTEL_BOOTSTRAP_SAMPLING_RULES`) and
 * the checks that say what is wrong with one.
 */

/** Span kinds a rule can name. */
export const RULE_SPAN_KINDS = ['internal', 'server', 'client', 'producer', 'consumer'] as const;

/** A span kind by name, as rules write it. */
export type RuleSpanKind = (typeof RULE_SPAN_KINDS)[number];

/**
 * One sampling rule: the conditions a root span must meet (all of them; a rule with none matches
 * every span) and what happens to the traces it matches. Strings are exact or globs (`*` any run
 * of characters, `?` one character). First matching rule wins.
 */
export interface SamplingRule {
  /** Span name, such as `GET /checkout*`. */
  name?: string;
  /** `http.route`, such as `/users/:id`. On the lean HTTP server span a route template written here is matched against the path before the decision. */
  route?: string;
  /** `http.request.method`, case-insensitive. */
  method?: string;
  /** `url.path`, such as `/static/*`. */
  path?: string;
  /** Span kind. */
  kind?: RuleSpanKind;
  /** Attributes the span starts with, each compared as text. */
  attributes?: Readonly<Record<string, string>>;
  /** Share of matching traces kept, 0..1. Default 1 (or 0 with `drop`). */
  sampleRate?: number;
  /** At most this many matching traces per second (after `sampleRate`). */
  maxPerSecond?: number;
  /** `true` keeps none of the matching traces. */
  drop?: boolean;
}

const RULE_KEYS = ['name', 'route', 'method', 'path', 'kind', 'attributes', 'sampleRate', 'maxPerSecond', 'drop'];
const STRING_KEYS = ['name', 'route', 'method', 'path'] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with `rule`, or undefined when it is a valid {@link SamplingRule}. */
export function ruleProblem(rule: unknown): string | undefined {
  if (!isObject(rule)) return 'a rule must be an object';
  const unknown = Object.keys(rule).find((key) => !RULE_KEYS.includes(key));
  if (unknown !== undefined) return `unknown field ${JSON.stringify(unknown)} (fields: ${RULE_KEYS.join(', ')})`;
  for (const key of STRING_KEYS) {
    const value = rule[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) return `${key} must be a non-empty string`;
  }
  if (rule.kind !== undefined && !(RULE_SPAN_KINDS as readonly unknown[]).includes(rule.kind)) return `kind must be one of ${RULE_SPAN_KINDS.join(', ')}`;
  if (rule.attributes !== undefined && (!isObject(rule.attributes) || !Object.values(rule.attributes).every((value) => typeof value === 'string'))) {
    return 'attributes must be an object of string values';
  }
  if (rule.sampleRate !== undefined && (typeof rule.sampleRate !== 'number' || !(rule.sampleRate >= 0 && rule.sampleRate <= 1))) return 'sampleRate must be a number from 0 to 1';
  if (rule.maxPerSecond !== undefined && (typeof rule.maxPerSecond !== 'number' || !Number.isFinite(rule.maxPerSecond) || rule.maxPerSecond < 0)) {
    return 'maxPerSecond must be a number of at least 0';
  }
  if (rule.drop !== undefined && typeof rule.drop !== 'boolean') return 'drop must be true or false';
  if (rule.drop === true && (rule.sampleRate !== undefined || rule.maxPerSecond !== undefined)) return 'drop cannot be combined with sampleRate or maxPerSecond';
  if (rule.drop === undefined && rule.sampleRate === undefined && rule.maxPerSecond === undefined) return 'a rule needs sampleRate, maxPerSecond or drop';
  return undefined;
}

/** A rule shown in a message: its JSON, cut to a readable length. */
export function describeRule(rule: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(rule) ?? String(rule);
  } catch {
    text = String(rule);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The route templates the rules name (patterns without wildcards), for matching paths before the decision. */
export function ruleRouteTemplates(rules: readonly SamplingRule[]): string[] {
  return [...new Set(rules.map((rule) => rule.route).filter((route): route is string => route !== undefined && route.startsWith('/') && !route.includes('*') && !route.includes('?')))];
}
