import { LOG_PREFIX } from '../config/warnings';
import { copyFunctionShape } from './function-shape';
import { definingClassName, keyName, targetClassName } from './method-owner';
import { resolveTracedOptions, type ResolvedTracedOptions, type TraceMethodOptions } from './options';
import { runInSpan } from './run-in-span';
import { createSpanPlan, type SpanPlan } from './span-plan';

type Method<This, Args extends unknown[], Return> = (this: This, ...args: Args) => Return;
type AnyMethod = (this: unknown, ...args: unknown[]) => unknown;

/**
 * The decorator returned by {@link traceMethod}. Its two call signatures cover both TypeScript
 * decorator modes: standard (TC39) decorators, and legacy `experimentalDecorators`.
 */
export interface TraceMethodDecorator {
  /** Standard decorators: `(method, context)`. */
  <This, Args extends unknown[], Return>(
    value: Method<This, Args, Return>,
    context: ClassMethodDecoratorContext<This, Method<This, Args, Return>>,
  ): Method<This, Args, Return>;
  /** Legacy decorators (`experimentalDecorators: true`): `(target, propertyKey, descriptor)`. */
  <T>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<T>): TypedPropertyDescriptor<T>;
}

const API = '@traceMethod()';

/**
 * Traces every call of a class method in its own span, named `ClassName.methodName` unless a
 * name is given, with `code.function.name` and `code.namespace` attributes. The span is active
 * during the call, so spans started inside (other decorated methods, `withSpan()`, HTTP and fetch
 * calls) become its children. It ends when the method returns or throws, when a returned promise
 * or thenable settles, or when a returned generator or async generator finishes or is closed.
 *
 * Errors are recorded (status ERROR, an exception event, `error.type`) and rethrown unchanged.
 * Arguments and results are recorded only when asked for, redacted and cut to length, and only
 * for spans that are sampled. Works with standard decorators and with `experimentalDecorators`;
 * the mode is detected from the arguments the decorator receives.
 *
 * @param nameOrOptions the span name, or {@link TraceMethodOptions}
 * @throws TypeError when an option is invalid or the decorator is put on something that is not a method
 *
 * @example
 * ```ts
 * class OrderService {
 *   @traceMethod()
 *   async create(order: Order): Promise<string> { … }
 *
 *   @traceMethod({ name: 'orders.charge', includeArgs: [0] })
 *   charge(orderId: string, card: Card): Receipt { … }
 * }
 * ```
 */
export function traceMethod(nameOrOptions?: string | TraceMethodOptions): TraceMethodDecorator {
  if (typeof nameOrOptions === 'function') {
    throw new TypeError(`${LOG_PREFIX} ${API} is a decorator factory: write @traceMethod() with parentheses.`);
  }
  const options: TraceMethodOptions = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : (nameOrOptions ?? {});
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
    throw new TypeError(`${LOG_PREFIX} ${API} option "name" must be a non-empty string.`);
  }
  const resolved = resolveTracedOptions(API, options);
  const decorate = (...args: unknown[]): unknown => {
    const [value, second, descriptor] = args;
    if (typeof second === 'object' && second !== null && 'kind' in second) {
      return decorateStandard(value, second as DecoratorContext, options.name, resolved);
    }
    if ((typeof second === 'string' || typeof second === 'symbol') && value !== null && (typeof value === 'object' || typeof value === 'function')) {
      return decorateLegacy(value, second, descriptor as PropertyDescriptor | undefined, options.name, resolved);
    }
    throw new TypeError(`${LOG_PREFIX} ${API} must be applied to a class method.`);
  };
  return decorate as TraceMethodDecorator;
}

function notAMethod(what: string): never {
  throw new TypeError(`${LOG_PREFIX} ${API} decorates methods only; it was applied to ${what}.`);
}

function decorateStandard(value: unknown, context: DecoratorContext, name: string | undefined, options: ResolvedTracedOptions): AnyMethod {
  if (context.kind !== 'method' || typeof value !== 'function') notAMethod(`a ${context.kind}`);
  const original = value as AnyMethod;
  const methodContext = context as ClassMethodDecoratorContext;
  const methodName = keyName(methodContext.name);
  let plan: SpanPlan | undefined;
  const planFor = (thisArg: unknown): SpanPlan => {
    if (plan !== undefined) return plan;
    // Standard decorators are not told the class; find it from the first `this` the method sees.
    const className = (methodContext.private ? undefined : definingClassName(thisArg, methodContext.name, wrapper)) ?? fallbackClassName(thisArg);
    plan = createSpanPlan(
      { spanName: name ?? qualified(className, methodName), functionName: qualified(className, methodName), namespace: className, fn: original },
      options,
    );
    return plan;
  };
  const wrapper = tracedMethod(original, planFor);
  // A static initializer runs at class definition with `this` = the class: resolve the name then.
  if (methodContext.static) methodContext.addInitializer(function (this: unknown) { planFor(this); });
  return wrapper;
}

function decorateLegacy(
  target: object,
  key: string | symbol,
  descriptor: PropertyDescriptor | undefined,
  name: string | undefined,
  options: ResolvedTracedOptions,
): PropertyDescriptor {
  const found = descriptor ?? Object.getOwnPropertyDescriptor(target, key);
  if (found === undefined || typeof found.value !== 'function') notAMethod(`property ${keyName(key)}, which is not a method`);
  const original = found.value as AnyMethod;
  const className = targetClassName(target);
  const functionName = qualified(className, keyName(key));
  const plan = createSpanPlan({ spanName: name ?? functionName, functionName, namespace: className, fn: original }, options);
  return { ...found, value: tracedMethod(original, () => plan) };
}

function tracedMethod(original: AnyMethod, planFor: (thisArg: unknown) => SpanPlan): AnyMethod {
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    return runInSpan(planFor(this), original, this, args);
  };
  return copyFunctionShape(wrapper, original);
}

function fallbackClassName(thisArg: unknown): string {
  if (typeof thisArg === 'function') return thisArg.name;
  if (typeof thisArg === 'object' && thisArg !== null) {
    const constructor: unknown = (thisArg as { constructor?: unknown }).constructor;
    if (typeof constructor === 'function') return constructor.name;
  }
  return '';
}

function qualified(className: string, methodName: string): string {
  return className === '' ? methodName : `${className}.${methodName}`;
}
