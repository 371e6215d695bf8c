/**
 * Finds the class that defines `method` as property `key`, starting from a call's `this`: an
 * instance (walks its prototypes) or, for static methods, the class (walks its parent classes).
 * Returns the class name, or `undefined` when `this` does not lead to the method.
 */
export function definingClassName(thisArg: unknown, key: PropertyKey, method: unknown): string | undefined {
  let holder: unknown = thisArg;
  for (let hops = 0; hops < 64 && holder !== null && (typeof holder === 'object' || typeof holder === 'function'); hops += 1) {
    const descriptor = Object.getOwnPropertyDescriptor(holder, key);
    if (descriptor !== undefined && descriptor.value === method) {
      if (typeof holder === 'function') return holder.name;
      const constructor: unknown = Object.getOwnPropertyDescriptor(holder, 'constructor')?.value;
      return typeof constructor === 'function' ? constructor.name : undefined;
    }
    holder = Object.getPrototypeOf(holder);
  }
  return undefined;
}

/** The class name from a legacy decorator's target: the prototype for instance methods, the class for static ones. */
export function targetClassName(target: object): string {
  if (typeof target === 'function') return target.name;
  const constructor: unknown = Object.getOwnPropertyDescriptor(target, 'constructor')?.value;
  return typeof constructor === 'function' ? constructor.name : '';
}

/** Renders a property key for a span name: symbols as `[description]`. */
export function keyName(key: PropertyKey): string {
  return typeof key === 'symbol' ? `[${key.description ?? 'symbol'}]` : String(key);
}
