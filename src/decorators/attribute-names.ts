/** Attribute holding the traced function's qualified name, e.g. `OrderService.create`. */
export const ATTR_CODE_FUNCTION_NAME = 'code.function.name';

/** Attribute holding the class that defines a decorated method. */
export const ATTR_CODE_NAMESPACE = 'code.namespace';

/** Attribute holding the constructor name of a thrown error. */
export const ATTR_ERROR_TYPE = 'error.type';

/** Prefix of the per-argument attributes written by `includeArgs`: `function.args.0`, `function.args.1`, … */
export const ARGS_ATTRIBUTE_PREFIX = 'function.args.';

/** Attribute written by `includeResult`. */
export const ATTR_FUNCTION_RESULT = 'function.result';

/** Attribute written by `recordExecutionTime`: wall time of the call in milliseconds. */
export const ATTR_FUNCTION_DURATION_MS = 'function.duration_ms';
