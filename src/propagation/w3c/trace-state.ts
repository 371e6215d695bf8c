import type { TraceState } from '@opentelemetry/api';
import { trimOptionalWhiteSpace } from './header-text';

/** The `tracestate` header name (W3C Trace Context). */
export const TRACE_STATE_HEADER = 'tracestate';

/** W3C Trace Context: a `tracestate` list holds at most 32 list members. */
export const MAX_TRACE_STATE_MEMBERS = 32;

/** Longest key, `@` and every other character included (Trace Context Level 2). */
const MAX_KEY_LENGTH = 256;
/** Longest value: 256 characters. */
const MAX_VALUE_LENGTH = 256;

// Trace Context Level 2: key = ( lcalpha / DIGIT ) 0*255( keychar ), where keychar is lcalpha,
// DIGIT, `_`, `-`, `*`, `/` or `@`. The multi-tenant form `tenant@system` is one case of it; a key
// may not start with `@`.
const KEY_PATTERN = /^[a-z0-9][a-z0-9_\-*/@]{0,255}$/;
// Printable ASCII except `,` and `=`; spaces allowed inside but not at the end.
const VALUE_PATTERN = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;

/** Whether `key` is a valid `tracestate` key. */
export function isTraceStateKey(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(key);
}

/** Whether `value` is a valid `tracestate` value. */
export function isTraceStateValue(value: string): boolean {
  return value.length <= MAX_VALUE_LENGTH && VALUE_PATTERN.test(value);
}

type Member = readonly [key: string, value: string];

/**
 * An immutable W3C `tracestate`: an ordered list of vendor key/value members, left-most first.
 * `set` moves the key to the front (as the spec asks of an updated member) and drops the
 * right-most member when a new key would exceed {@link MAX_TRACE_STATE_MEMBERS}; invalid keys or
 * values leave the state unchanged. Every change returns a new instance.
 */
export class W3CTraceState implements TraceState {
  readonly #members: readonly Member[];

  private constructor(members: readonly Member[]) {
    this.#members = members;
  }

  /** A state with no members. */
  static empty(): W3CTraceState {
    return new W3CTraceState([]);
  }

  /**
   * Parses a combined `tracestate` header (several header values joined with `,`). Returns
   * `undefined` when the header is invalid as a whole: a malformed member or more than
   * {@link MAX_TRACE_STATE_MEMBERS} members. A key listed again is inherited once: its left-most
   * (most recent) member is kept and the later ones are dropped, which the recommendation allows
   * for duplicates a vendor did not write. Empty and blank members are allowed and skipped.
   */
  static parse(header: string): W3CTraceState | undefined {
    const members: Member[] = [];
    const seen = new Set<string>();
    let memberCount = 0;
    let start = 0;
    while (start <= header.length) {
      const comma = header.indexOf(',', start);
      const end = comma === -1 ? header.length : comma;
      const member = trimOptionalWhiteSpace(header, start, end);
      if (member !== '') {
        if (memberCount === MAX_TRACE_STATE_MEMBERS) return undefined;
        const equals = member.indexOf('=');
        if (equals === -1) return undefined;
        const key = member.slice(0, equals);
        const value = member.slice(equals + 1);
        if (!isTraceStateKey(key) || !isTraceStateValue(value)) return undefined;
        // Every member counts towards the limit, duplicates too: the header as sent is what is limited.
        memberCount++;
        if (!seen.has(key)) {
          seen.add(key);
          members.push([key, value]);
        }
      }
      if (comma === -1) break;
      start = comma + 1;
    }
    return new W3CTraceState(members);
  }

  /** Number of members. */
  get size(): number {
    return this.#members.length;
  }

  /** {@inheritDoc TraceState.get} */
  get(key: string): string | undefined {
    return this.#members.find(([memberKey]) => memberKey === key)?.[1];
  }

  /** {@inheritDoc TraceState.set} */
  set(key: string, value: string): W3CTraceState {
    if (!isTraceStateKey(key) || !isTraceStateValue(value)) return this;
    const others = this.#members.filter(([memberKey]) => memberKey !== key);
    return new W3CTraceState([[key, value] as const, ...others].slice(0, MAX_TRACE_STATE_MEMBERS));
  }

  /** {@inheritDoc TraceState.unset} */
  unset(key: string): W3CTraceState {
    const others = this.#members.filter(([memberKey]) => memberKey !== key);
    return others.length === this.#members.length ? this : new W3CTraceState(others);
  }

  /** {@inheritDoc TraceState.serialize} */
  serialize(): string {
    return this.#members.map(([key, value]) => `${key}=${value}`).join(',');
  }
}
