import type { Attributes, SpanKind } from '@opentelemetry/api';
import { LOG_PREFIX } from '../config/warnings';
import { secretKeyTest, type SecretKeyTest } from './secret-keys';

/** Default of `maxValueLength`: recorded argument and result values are cut after this many characters. */
export const DEFAULT_MAX_VALUE_LENGTH = 200;

/** Maps a call's arguments to span attributes (keys are still checked for secrets). */
export type ArgsMapper = (args: readonly unknown[]) => Attributes;

/** Options shared by `@traceMethod()` and `traced()`. */
export interface TracedOptions {
  /** Span kind. Default `SpanKind.INTERNAL`. */
  kind?: SpanKind;
  /** Attributes set on every span when it starts (visible to samplers). */
  attributes?: Attributes;
  /**
   * Records arguments: `true` for all (as `function.args.<index>`, except parameters whose
   * declared name looks secret), an array of argument indexes, or a function mapping the
   * arguments to attributes. Default off.
   */
  includeArgs?: boolean | readonly number[] | ArgsMapper;
  /** Records the return value (or resolved value) as `function.result`. Default off. */
  includeResult?: boolean;
  /** Extra secret key patterns: a string matches anywhere in a key, ignoring case; a RegExp as given. */
  redact?: ReadonlyArray<string | RegExp>;
  /** Recorded values are cut after this many characters, with a visible marker. Default 200. */
  maxValueLength?: number;
  /** Adds `function.duration_ms`, the call's wall time, for backends that query attributes. Default off. */
  recordExecutionTime?: boolean;
  /** Sets status OK on success; otherwise success leaves the status unset. Default off. */
  setOkStatus?: boolean;
  /** Attribute keys whose values are replaced by a stable 12-hex-character SHA-256 prefix. */
  hashAttributes?: readonly string[];
}

/** Options of `@traceMethod()`: {@link TracedOptions} plus the span name. */
export interface TraceMethodOptions extends TracedOptions {
  /** Span name. Default `ClassName.methodName`. */
  name?: string;
}

/** Options after validation, in the form the call path uses. */
export interface ResolvedTracedOptions {
  kind: SpanKind | undefined;
  attributes: Attributes | undefined;
  includeArgs: false | true | readonly number[] | ArgsMapper;
  includeResult: boolean;
  isSecretKey: SecretKeyTest;
  maxValueLength: number;
  recordExecutionTime: boolean;
  setOkStatus: boolean;
  hashKeys: ReadonlySet<string> | undefined;
}

function reject(api: string, option: string, accepted: string): never {
  throw new TypeError(`${LOG_PREFIX} ${api} option "${option}" must be ${accepted}.`);
}

/** Validates options once, when a method is decorated or a function wrapped; throws a `TypeError` naming a bad option. */
export function resolveTracedOptions(api: string, options: TracedOptions | undefined): ResolvedTracedOptions {
  const given = options ?? {};
  if (typeof given !== 'object') reject(api, 'options', 'an object');
  const { includeArgs = false, maxValueLength = DEFAULT_MAX_VALUE_LENGTH, redact = [], hashAttributes = [] } = given;
  const argsOk = typeof includeArgs === 'boolean' || typeof includeArgs === 'function' || (Array.isArray(includeArgs) && includeArgs.every((index) => Number.isInteger(index) && index >= 0));
  if (!argsOk) reject(api, 'includeArgs', 'a boolean, an array of argument indexes or a function');
  if (!Number.isInteger(maxValueLength) || maxValueLength < 1) reject(api, 'maxValueLength', 'a positive integer');
  if (!Array.isArray(redact) || !redact.every((pattern) => typeof pattern === 'string' || pattern instanceof RegExp)) reject(api, 'redact', 'an array of strings and RegExps');
  if (!Array.isArray(hashAttributes) || !hashAttributes.every((key) => typeof key === 'string')) reject(api, 'hashAttributes', 'an array of attribute keys');
  return {
    kind: given.kind,
    attributes: given.attributes,
    includeArgs,
    includeResult: given.includeResult === true,
    isSecretKey: secretKeyTest(redact),
    maxValueLength,
    recordExecutionTime: given.recordExecutionTime === true,
    setOkStatus: given.setOkStatus === true,
    hashKeys: hashAttributes.length > 0 ? new Set(hashAttributes) : undefined,
  };
}
