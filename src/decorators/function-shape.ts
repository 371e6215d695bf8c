/**
 * Gives `wrapper` the `name` and `length` of `original`, so frameworks that read them (dependency
 * injection, routers, arity checks) see the original function. Generator and async functions also
 * keep their prototype chain, so checks such as `fn.constructor.name === 'AsyncFunction'` still pass.
 */
export function copyFunctionShape<W extends object>(wrapper: W, original: (...args: never[]) => unknown): W {
  Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  const originalProto: unknown = Object.getPrototypeOf(original);
  if (originalProto !== Function.prototype && originalProto !== null) Object.setPrototypeOf(wrapper, originalProto as object);
  return wrapper;
}
