import { describe, expect, it } from 'vitest';
import { parameterList } from '../../../src/decorators/parameter-names';

describe('parameterList', () => {
  it('reads names from functions, methods, arrows and defaults', () => {
    function plain(user: string, password: string): string {
      return user + password;
    }
    expect(parameterList(plain)).toEqual({ names: ['user', 'password'], rest: false });
    expect(parameterList((a: number, b = Math.max(1, 2), c = 'x,y') => a + b + c)).toEqual({ names: ['a', 'b', 'c'], rest: false });
    const holder = { async ['weird(name'](token: string) { return Promise.resolve(token); } };
    expect(parameterList(Object.getOwnPropertyDescriptor(holder, 'weird(name')?.value as () => unknown)).toEqual({ names: ['token'], rest: false });
  });

  it('marks rest and destructured parameters', () => {
    expect(parameterList((first: string, ...secrets: string[]) => first + secrets.join())).toEqual({ names: ['first', 'secrets'], rest: true });
    expect(parameterList(({ a }: { a: number }, [b]: number[]) => a + (b ?? 0))).toEqual({ names: [undefined, undefined], rest: false });
  });

  it('gives no names for sources it cannot read', () => {
    expect(parameterList(Object.getOwnPropertyDescriptor(Math, 'max')?.value as () => number)).toEqual({ names: [], rest: false });
    expect(parameterList(((a: number) => a).bind(null))).toEqual({ names: [], rest: false });
  });
});
