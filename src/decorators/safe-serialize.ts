import { types } from 'node:util';
import { REDACTED } from '../config/redact';
import { isCardNumber, redactCardNumbers } from './card-numbers';
import type { SecretKeyTest } from './secret-keys';
import { truncate } from './truncate';

/** How {@link safeSerialize} treats secrets and length. */
export interface SerializeOptions {
  isSecretKey: SecretKeyTest;
  maxValueLength: number;
}

const MAX_DEPTH = 4;
const MAX_ENTRIES = 50;
// Card numbers with separators are at most 37 characters; keep enough text to recognise one at the cut.
const CARD_MARGIN = 40;

interface Walk {
  readonly options: SerializeOptions;
  readonly ancestors: Set<object>;
  parts: string[];
  length: number;
}

/**
 * Renders any value as compact, JSON-like text for a span attribute, without throwing and without
 * side effects beyond `toJSON()`: cycles become `[Circular]`, BigInts `12n`, binary data
 * `[Buffer 12 bytes]`, functions `[Function name]`, symbols `Symbol(x)`, class instances
 * `ClassName {…}`. Values under secret-looking keys and card-number-like digit runs become
 * `[REDACTED]`; accessor properties are shown as `[Getter]` and never invoked. Rendering stops
 * once the text is longer than `maxValueLength`, and the result is cut there with a marker.
 */
export function safeSerialize(value: unknown, options: SerializeOptions): string {
  const walk: Walk = { options, ancestors: new Set(), parts: [], length: 0 };
  try {
    write(walk, value, 0);
  } catch {
    emit(walk, '[Unserializable]');
  }
  return truncate(walk.parts.join(''), options.maxValueLength);
}

function full(walk: Walk): boolean {
  return walk.length > walk.options.maxValueLength;
}

function emit(walk: Walk, text: string): void {
  walk.parts.push(text);
  walk.length += text.length;
}

/** Redacts card numbers in a string and cuts it near the length limit before quoting it. */
export function boundedString(text: string, maxValueLength: number): string {
  const head = text.length > maxValueLength + CARD_MARGIN ? text.slice(0, maxValueLength + CARD_MARGIN) : text;
  return redactCardNumbers(head);
}

function write(walk: Walk, value: unknown, depth: number): void {
  if (value === null) {
    emit(walk, 'null');
    return;
  }
  switch (typeof value) {
    case 'string':
      emit(walk, JSON.stringify(boundedString(value, walk.options.maxValueLength)));
      return;
    case 'number':
      emit(walk, Number.isSafeInteger(value) && isCardNumber(value) ? JSON.stringify(REDACTED) : String(value));
      return;
    case 'bigint':
      emit(walk, isCardNumber(value) ? JSON.stringify(REDACTED) : `${value}n`);
      return;
    case 'boolean':
    case 'undefined':
      emit(walk, String(value));
      return;
    case 'symbol':
      emit(walk, value.toString());
      return;
    case 'function':
      emit(walk, `[Function ${value.name === '' ? '(anonymous)' : value.name}]`);
      return;
    default:
      writeObject(walk, value, depth);
  }
}

function writeObject(walk: Walk, value: object, depth: number): void {
  const special = describeSpecial(value);
  if (special !== undefined) {
    emit(walk, special);
    return;
  }
  if (walk.ancestors.has(value)) {
    emit(walk, '[Circular]');
    return;
  }
  const label = classLabel(value);
  if (depth >= MAX_DEPTH) {
    emit(walk, Array.isArray(value) ? '[Array]' : `[${label ?? 'Object'}]`);
    return;
  }
  walk.ancestors.add(value);
  const mark = { parts: walk.parts.length, length: walk.length };
  try {
    const json = label === undefined ? undefined : callToJson(value);
    if (json !== undefined) write(walk, json.value, depth + 1);
    else if (Array.isArray(value)) writeList(walk, value, depth, '[', ']');
    else if (types.isMap(value)) writeMap(walk, value, depth);
    else if (types.isSet(value)) writeList(walk, [...value], depth, 'Set [', ']');
    else writeRecord(walk, value, depth, label);
  } catch {
    // A throwing proxy trap, toJSON or iterator: drop what this object wrote and say so.
    walk.parts.length = mark.parts;
    walk.length = mark.length;
    emit(walk, '[Unserializable]');
  } finally {
    walk.ancestors.delete(value);
  }
}

function describeSpecial(value: object): string | undefined {
  if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
  if (types.isArrayBufferView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  if (types.isAnyArrayBuffer(value)) return `[ArrayBuffer ${value.byteLength} bytes]`;
  if (types.isDate(value)) return JSON.stringify(Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString());
  if (types.isRegExp(value)) return String(value);
  if (types.isNativeError(value) || value instanceof Error) return `[${errorName(value)}: ${value.message}]`;
  if (types.isPromise(value)) return '[Promise]';
  if (types.isWeakMap(value)) return '[WeakMap]';
  if (types.isWeakSet(value)) return '[WeakSet]';
  if (types.isBoxedPrimitive(value)) return String(value.valueOf());
  return undefined;
}

function errorName(error: Error): string {
  return typeof error.name === 'string' && error.name !== '' ? error.name : 'Error';
}

/** The constructor name of a class instance; `undefined` for plain objects and arrays. */
function classLabel(value: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype || proto === Array.prototype) return undefined;
  const constructor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value as unknown;
  return typeof constructor === 'function' && constructor.name !== '' ? constructor.name : 'Object';
}

function callToJson(value: object): { value: unknown } | undefined {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  return typeof toJSON === 'function' ? { value: toJSON.call(value) as unknown } : undefined;
}

function writeList(walk: Walk, items: readonly unknown[], depth: number, open: string, close: string): void {
  emit(walk, open);
  const shown = Math.min(items.length, MAX_ENTRIES);
  for (let index = 0; index < shown && !full(walk); index += 1) {
    if (index > 0) emit(walk, ',');
    write(walk, items[index], depth + 1);
  }
  if (items.length > shown) emit(walk, `,…${items.length - shown} more`);
  emit(walk, close);
}

function writeMap(walk: Walk, map: Map<unknown, unknown>, depth: number): void {
  emit(walk, 'Map {');
  let index = 0;
  for (const [key, entry] of map) {
    if (full(walk)) break;
    if (index === MAX_ENTRIES) {
      emit(walk, `,…${map.size - index} more`);
      break;
    }
    if (index > 0) emit(walk, ',');
    write(walk, key, depth + 1);
    emit(walk, ' => ');
    if (typeof key === 'string' && walk.options.isSecretKey(key)) emit(walk, JSON.stringify(REDACTED));
    else write(walk, entry, depth + 1);
    index += 1;
  }
  emit(walk, '}');
}

function writeRecord(walk: Walk, record: object, depth: number, label: string | undefined): void {
  emit(walk, label === undefined ? '{' : `${label} {`);
  const keys = Object.keys(record);
  const shown = Math.min(keys.length, MAX_ENTRIES);
  for (let index = 0; index < shown && !full(walk); index += 1) {
    const key = keys[index] as string;
    if (index > 0) emit(walk, ',');
    emit(walk, `${JSON.stringify(key)}:`);
    if (walk.options.isSecretKey(key)) {
      emit(walk, JSON.stringify(REDACTED));
      continue;
    }
    const descriptor = Object.getOwnPropertyDescriptor(record, key);
    if (descriptor === undefined) emit(walk, 'undefined');
    else if ('value' in descriptor) write(walk, descriptor.value, depth + 1);
    else emit(walk, '"[Getter]"');
  }
  if (keys.length > shown) emit(walk, `,…${keys.length - shown} more`);
  emit(walk, '}');
}
