import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../src/config/describe';
import { passesLuhn, redactCardNumbers } from '../../../src/decorators/card-numbers';
import { safeSerialize } from '../../../src/decorators/safe-serialize';
import { secretKeyTest } from '../../../src/decorators/secret-keys';
import { TRUNCATION_MARKER, truncate } from '../../../src/decorators/truncate';

const options = { isSecretKey: secretKeyTest(), maxValueLength: 200 };
const serialize = (value: unknown, maxValueLength = 200): string => safeSerialize(value, { ...options, maxValueLength });

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

describe('safeSerialize', () => {
  it('renders primitives, BigInt, symbols and functions', () => {
    expect(serialize({ n: 1, s: 'a', b: true, u: undefined, z: null })).toBe('{"n":1,"s":"a","b":true,"u":undefined,"z":null}');
    expect(serialize(12n)).toBe('12n');
    expect(serialize(Symbol('tag'))).toBe('Symbol(tag)');
    expect(serialize(function named() {})).toBe('[Function named]');
    expect(serialize([() => 1])).toBe('[[Function (anonymous)]]');
  });

  it('marks cycles but not shared references', () => {
    const node: Record<string, unknown> = { name: 'a' };
    node.self = node;
    expect(serialize(node)).toBe('{"name":"a","self":[Circular]}');
    const shared = { v: 1 };
    expect(serialize([shared, shared])).toBe('[{"v":1},{"v":1}]');
  });

  it('summarises binary data, dates, errors, maps and sets', () => {
    expect(serialize(Buffer.from('secret bytes'))).toBe('[Buffer 12 bytes]');
    expect(serialize(new Uint16Array(4))).toBe('[Uint16Array 8 bytes]');
    expect(serialize(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
    expect(serialize(new RangeError('too far'))).toBe('[RangeError: too far]');
    expect(serialize(new Map<unknown, unknown>([['token', 'abc'], [1, 'one']]))).toBe(`Map {"token" => "${REDACTED}",1 => "one"}`);
    expect(serialize(new Set([1, 'two']))).toBe('Set [1,"two"]');
  });

  it('labels class instances and uses toJSON when present', () => {
    expect(serialize(new Point(1, 2))).toBe('Point {"x":1,"y":2}');
    expect(serialize({ id: { toJSON: () => 'abc' } })).toBe('{"id":{"toJSON":[Function toJSON]}}');
    class Id {
      toJSON(): string {
        return 'id-1';
      }
    }
    expect(serialize(new Id())).toBe('"id-1"');
  });

  it('redacts secret-looking keys at any depth without reading their values', () => {
    let reads = 0;
    const deep = {
      user: { name: 'ann', credentials: { password: 'p', passwd: 'p', api_key: 'k', apikey: 'k', authToken: 't' } },
      headers: { Authorization: 'Bearer x', cookie: 'c=1', 'X-Session-Id': 's' },
      get secret() {
        reads += 1;
        return 'never';
      },
    };
    const text = serialize(deep, 1000);
    for (const leaked of ['"p"', '"k"', '"t"', 'Bearer', 'c=1', '"s"', 'never']) expect(text).not.toContain(leaked);
    expect(text).toContain(`"password":"${REDACTED}"`);
    expect(text).toContain(`"Authorization":"${REDACTED}"`);
    expect(text).toContain(`"secret":"${REDACTED}"`);
    expect(reads).toBe(0);
  });

  it('adds patterns given by the redact option', () => {
    const extra = { isSecretKey: secretKeyTest(['ssn', /^pin$/i]), maxValueLength: 200 };
    expect(safeSerialize({ userSSN: '1', PIN: '2', spin: '3' }, extra)).toBe(`{"userSSN":"${REDACTED}","PIN":"${REDACTED}","spin":"3"}`);
  });

  it('shows accessors without invoking them', () => {
    let reads = 0;
    const value = Object.defineProperty({ a: 1 }, 'computed', {
      enumerable: true,
      get: () => {
        reads += 1;
        return 2;
      },
    });
    expect(serialize(value)).toBe('{"a":1,"computed":"[Getter]"}');
    expect(reads).toBe(0);
  });

  it('redacts Luhn-valid card numbers in values only', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(redactCardNumbers('card 4111 1111 1111 1111 ok')).toBe(`card ${REDACTED} ok`);
    expect(redactCardNumbers('order 4111111111111112')).toBe('order 4111111111111112');
    expect(redactCardNumbers('id 41111111111111110000')).toBe('id 41111111111111110000');
    expect(serialize({ note: 'paid with 5500-0000-0000-0004', amount: 4111111111111111 })).toBe(`{"note":"paid with ${REDACTED}","amount":"${REDACTED}"}`);
  });

  it('cuts output at maxValueLength with a visible marker', () => {
    const text = serialize({ list: Array.from({ length: 1000 }, (_, index) => index) }, 50);
    expect(text).toHaveLength(50 + TRUNCATION_MARKER.length);
    expect(text.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(truncate('ab😀', 3)).toBe(`ab${TRUNCATION_MARKER}`);
    expect(truncate('short', 10)).toBe('short');
  });

  it('limits depth and never throws', () => {
    expect(serialize({ a: { b: { c: { d: { e: 1 } } } } })).toBe('{"a":{"b":{"c":{"d":[Object]}}}}');
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no'); } });
    expect(serialize({ ok: 1, hostile })).toBe('{"ok":1,"hostile":[Unserializable]}');
  });
});
