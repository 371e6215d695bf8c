const IDENTIFIER = /^\s*(\.\.\.)?\s*([A-Za-z_$][\w$]*)/;
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** A function's declared parameters as read from its source text. */
export interface ParameterList {
  /** Names by position; `undefined` for destructured parameters. */
  names: Array<string | undefined>;
  /** Whether the last parameter is a rest parameter. */
  rest: boolean;
}

/**
 * Reads parameter names from `Function.prototype.toString()`, so a parameter named `password` can be
 * left out of `includeArgs: true`. Best effort: minified or unusual sources give no names (the
 * caller then records by index only), never an error.
 */
export function parameterList(fn: (...args: never[]) => unknown): ParameterList {
  try {
    const source = Function.prototype.toString.call(fn);
    const list = parameterSource(source);
    if (list === undefined) return { names: [], rest: false };
    const segments = splitTopLevel(list)
      .map((segment) => segment.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ''))
      .filter((segment) => segment.trim() !== '');
    const names = segments.map((segment) => IDENTIFIER.exec(segment)?.[2]);
    const rest = segments.length > 0 && /^\s*\.\.\./.test(segments[segments.length - 1] ?? '');
    return { names, rest };
  } catch {
    return { names: [], rest: false };
  }
}

/** The text between the parameter list's parentheses, or the lone parameter of `x => …`. */
function parameterSource(source: string): string | undefined {
  let index = 0;
  // Skip a computed method key such as `[Symbol.iterator]` before looking for the list.
  const computed = /^\s*(?:static\s+)?(?:async\s*)?\*?\s*\[/.exec(source);
  if (computed !== null) index = skipBalanced(source, computed[0].length - 1);
  const arrow = /^\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(source);
  if (arrow !== null) return arrow[1];
  const open = source.indexOf('(', index);
  if (open === -1) return undefined;
  const close = skipBalanced(source, open);
  return close === -1 ? undefined : source.slice(open + 1, close - 1);
}

/** Returns the index just past the bracket group opening at `start`, or -1. */
function skipBalanced(source: string, start: number): number {
  const stack: string[] = [];
  for (let index = start; index < source.length; index += 1) {
    const char = source[index] as string;
    if (char === '"' || char === "'" || char === '`') index = skipString(source, index);
    else if (char === '/' && (source[index + 1] === '/' || source[index + 1] === '*')) index = skipComment(source, index);
    else if (OPENERS[char] !== undefined) stack.push(OPENERS[char]);
    else if (char === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return index + 1;
    }
  }
  return -1;
}

/** Returns the index of the comment's last character. */
function skipComment(source: string, start: number): number {
  const end = source[start + 1] === '/' ? source.indexOf('\n', start) : source.indexOf('*/', start + 2) + 1;
  return end <= 0 ? source.length : end;
}

function skipString(source: string, start: number): number {
  const quote = source[start];
  for (let index = start + 1; index < source.length; index += 1) {
    if (source[index] === '\\') index += 1;
    else if (source[index] === quote) return index;
  }
  return source.length;
}

function splitTopLevel(list: string): string[] {
  const segments: string[] = [];
  let depth = 0;
  let from = 0;
  for (let index = 0; index < list.length; index += 1) {
    const char = list[index] as string;
    if (char === '"' || char === "'" || char === '`') index = skipString(list, index);
    else if (char === '/' && (list[index + 1] === '/' || list[index + 1] === '*')) index = skipComment(list, index);
    else if (OPENERS[char] !== undefined) depth += 1;
    else if (char === ')' || char === ']' || char === '}') depth -= 1;
    else if (char === ',' && depth === 0) {
      segments.push(list.slice(from, index));
      from = index + 1;
    }
  }
  segments.push(list.slice(from));
  return segments;
}
