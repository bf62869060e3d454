import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssertionError } from '../errors.ts';
import { containerCheckDigit, validateContainerNumber } from './container-number.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const letterValue = (char: string) => {
  const value = 10 + LETTERS.indexOf(char);
  return value + Math.floor((value - 1) / 10);
};
const anyContainer = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 3, maxLength: 3 }),
    fc.constantFrom('U', 'J', 'Z'),
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
  )
  .map(([owner, category, serial]) => owner + category + serial)
  .map((first10) => first10 + containerCheckDigit(first10));
// ISO 6346 advises against serials whose remainder is 10 (check digit 0 then stands for two remainders).
const anyUnambiguousContainer = anyContainer.filter((code) => !code.endsWith('0'));

describe('validateContainerNumber', () => {
  it('accepts the standard example and normalises spaces, hyphens and case', () => {
    expect(validateContainerNumber('CSQU3054383')).toEqual({ ok: true, value: 'CSQU3054383' });
    expect(validateContainerNumber('csqu 305438-3')).toEqual({ ok: true, value: 'CSQU3054383' });
    expect(containerCheckDigit('CSQU305438')).toBe('3');
  });

  it('uses letter values that skip multiples of 11', () => {
    // A=10, B=12 ... K=21, L=23 ... U=32, V=34 ... Z=38; checked through single-letter differences.
    expect([...LETTERS].map(letterValue).filter((v) => v % 11 === 0)).toEqual([]);
    expect(containerCheckDigit('AAAU000000')).toBe(String(((10 + 10 * 2 + 10 * 4 + 32 * 8) % 11) % 10));
    expect(containerCheckDigit('ZZZZ000000')).toBe(String(((38 * 15) % 11) % 10));
    expect(() => containerCheckDigit('CSQU30543')).toThrow(AssertionError);
    expect(() => containerCheckDigit('CSQU30543!')).toThrow(AssertionError);
  });

  it.each([
    ['', 'kernel.required'],
    ['CSQU305438', 'kernel.too_short'],
    ['CSQU30543833', 'kernel.too_long'],
    ['CSQX3054383', 'kernel.invalid_format'],
    ['CS1U3054383', 'kernel.invalid_format'],
    ['CSQU305438A', 'kernel.invalid_format'],
    ['CSQU3054384', 'kernel.invalid_check_digit'],
  ])('refuses %j with %s', (input, code) => {
    expect(validateContainerNumber(input)).toMatchObject({ ok: false, code });
  });

  it('accepts every number with a computed check digit', () => {
    fc.assert(
      fc.property(anyContainer, (code) => {
        expect(validateContainerNumber(code).ok).toBe(true);
      }),
    );
  });

  it('rejects any single changed digit', () => {
    fc.assert(
      fc.property(
        anyUnambiguousContainer,
        fc.integer({ min: 4, max: 10 }),
        fc.nat(9),
        (code, position, digit) => {
          fc.pre(code.charAt(position) !== String(digit));
          expect(validateContainerNumber(code.slice(0, position) + digit + code.slice(position + 1)).ok).toBe(
            false,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects a changed owner letter unless both letters have the same value mod 11', () => {
    fc.assert(
      fc.property(
        anyUnambiguousContainer,
        fc.nat(2),
        fc.constantFrom(...LETTERS),
        (code, position, letter) => {
          const original = code.charAt(position);
          fc.pre(original !== letter && (letterValue(original) - letterValue(letter)) % 11 !== 0);
          expect(
            validateContainerNumber(code.slice(0, position) + letter + code.slice(position + 1)).ok,
          ).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('cannot see A and K (or U) swapped, whose values are equal mod 11', () => {
    expect(containerCheckDigit('ASQU305438')).toBe(containerCheckDigit('KSQU305438'));
  });

  it('rejects any swap of two different adjacent serial digits', () => {
    fc.assert(
      fc.property(anyUnambiguousContainer, fc.integer({ min: 4, max: 8 }), (code, position) => {
        const [a, b] = [code.charAt(position), code.charAt(position + 1)];
        fc.pre(a !== b);
        expect(validateContainerNumber(code.slice(0, position) + b + a + code.slice(position + 2)).ok).toBe(
          false,
        );
      }),
      { numRuns: 500 },
    );
  });
});
