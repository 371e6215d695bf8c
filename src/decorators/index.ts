/** Decorators and wrappers that trace service methods and plain functions. */
export { traceMethod } from './trace-method';
export type { TraceMethodDecorator } from './trace-method';
export { traced } from './traced';
export { withSpan } from './with-span';
export { DEFAULT_MAX_VALUE_LENGTH } from './options';
export type { ArgsMapper, TraceMethodOptions, TracedOptions } from './options';
export { TRUNCATION_MARKER } from './truncate';
export { DEFAULT_SECRET_KEY_PATTERN } from './secret-keys';
export { DECORATOR_TRACER_NAME } from './tracer';
export {
  ARGS_ATTRIBUTE_PREFIX,
  ATTR_CODE_FUNCTION_NAME,
  ATTR_CODE_NAMESPACE,
  ATTR_ERROR_TYPE,
  ATTR_FUNCTION_DURATION_MS,
  ATTR_FUNCTION_RESULT,
} from './attribute-names';
