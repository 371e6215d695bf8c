import type { Attributes, SpanOptions } from '@opentelemetry/api';
import { ATTR_CODE_FUNCTION_NAME, ATTR_CODE_NAMESPACE } from './attribute-names';
import type { ResolvedTracedOptions } from './options';
import { parameterList } from './parameter-names';
import { hashListed } from './attribute-values';

/** Everything about a traced function that does not change between calls, computed once. */
export interface SpanPlan {
  readonly name: string;
  /** Passed to `startSpan` as is: one object for all calls, so a call builds no attributes up front. */
  readonly startOptions: SpanOptions;
  readonly options: ResolvedTracedOptions;
  /** Argument positions whose declared parameter name looks secret. */
  readonly secretArgs: (index: number) => boolean;
  /** Whether returned generators are traced over their iteration. */
  readonly traceGenerators: boolean;
}

/** What the plan describes. */
export interface PlanTarget {
  spanName: string;
  /** Value of `code.function.name`, omitted when empty. */
  functionName: string;
  /** Value of `code.namespace`, for methods. */
  namespace?: string;
  fn: (...args: never[]) => unknown;
}

/** Builds the per-function plan: span name, start options with static attributes, secret parameter positions. */
export function createSpanPlan(target: PlanTarget, options: ResolvedTracedOptions): SpanPlan {
  const attributes: Attributes = {};
  if (target.functionName !== '') attributes[ATTR_CODE_FUNCTION_NAME] = target.functionName;
  if (target.namespace !== undefined && target.namespace !== '') attributes[ATTR_CODE_NAMESPACE] = target.namespace;
  Object.assign(attributes, options.attributes);
  hashListed(attributes, options.hashKeys);
  const startOptions: SpanOptions = options.kind === undefined ? { attributes } : { kind: options.kind, attributes };
  return { name: target.spanName, startOptions, options, secretArgs: secretPositions(target.fn, options), traceGenerators: true };
}

function secretPositions(fn: PlanTarget['fn'], options: ResolvedTracedOptions): (index: number) => boolean {
  if (options.includeArgs === false || typeof options.includeArgs === 'function') return () => false;
  const { names, rest } = parameterList(fn);
  const secret = names.map((name) => name !== undefined && options.isSecretKey(name));
  const restSecret = rest && secret[secret.length - 1] === true;
  return (index) => secret[index] === true || (restSecret && index >= secret.length - 1);
}
