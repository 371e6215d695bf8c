import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeMethod } from '../../../src/instrumentation/lean/attributes';

const KNOWN = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'QUERY'];

/** Property settings: a fixed run count; `FC_SEED` replays the seed a failure printed. */
function runs(numRuns: number): fc.Parameters<unknown> {
  return process.env.FC_SEED === undefined ? { numRuns } : { numRuns, seed: Number(process.env.FC_SEED) };
}

const method = fc.oneof(
  fc.constantFrom(...KNOWN),
  fc.constantFrom(...KNOWN).map((name) => name.toLowerCase()),
  fc.constantFrom(...KNOWN).chain((name) => fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((upper) => [...name].map((char, index) => (upper[index] ? char : char.toLowerCase())).join(''))),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('BREW', 'PROPFIND', '_OTHER', 'get ', ' GET', 'GET\u0000', 'ſet', 'İ', 'x'.repeat(100_000)),
  fc.constant(undefined),
);

describe('normalizeMethod with random methods', () => {
  it('always returns a known method or _OTHER, of bounded length', () => {
    fc.assert(
      fc.property(method, (input) => {
        const result = normalizeMethod(input);
        expect([...KNOWN, '_OTHER']).toContain(result);
        expect(result.length).toBeLessThanOrEqual(7);
      }),
      runs(1000),
    );
  });

  it('returns a known method exactly when the input upper-cases to it (empty and absent mean GET)', () => {
    fc.assert(
      fc.property(method, (input) => {
        const result = normalizeMethod(input);
        if (input === undefined || input === '') expect(result).toBe('GET');
        else if (KNOWN.includes(input.toUpperCase())) expect(result).toBe(input.toUpperCase());
        else expect(result).toBe('_OTHER');
      }),
      runs(1000),
    );
  });
});

describe('lean HTTP instrumentation (read only)', () => {
  const source = readFileSync(resolve(__dirname, '../../../src/instrumentation/lean/lean-http-instrumentation.ts'), 'utf8');

  it('sets http.request.method_original on server and client spans when the method was normalised', () => {
    const assignments = source.match(/\['http\.request\.method_original'\]\s*=\s*\w+\.method/g) ?? [];
    expect(assignments).toHaveLength(2);
    expect(source).toMatch(/request\.method !== method\) attributes\['http\.request\.method_original'\]/);
    expect(source).toMatch(/clientRequest\.method !== method\) attributes\['http\.request\.method_original'\]/);
  });
});
