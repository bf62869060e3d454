import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssertionError } from '../errors.ts';
import { leiCheckDigits, validateLei } from './lei.ts';

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const anyLei = fc
  .string({ unit: fc.constantFrom(...DIGITS, ...LETTERS), minLength: 18, maxLength: 18 })
  .map((first18) => first18 + leiCheckDigits(first18));
const classOf = (char: string) => (DIGITS.includes(char) ? DIGITS : LETTERS);

describe('validateLei', () => {
  it.each(['5493001KJTIIGC8Y1R12', '7LTWFZYICNSX8D621K86'])('accepts the sample %s', (lei) => {
    expect(validateLei(lei)).toEqual({ ok: true, value: lei });
    expect(validateLei(lei.toLowerCase())).toEqual({ ok: true, value: lei });
  });

  it('computes the check digits of the samples', () => {
    expect(leiCheckDigits('5493001KJTIIGC8Y1R')).toBe('12');
    expect(leiCheckDigits('7LTWFZYICNSX8D621K')).toBe('86');
    expect(() => leiCheckDigits('5493')).toThrow(AssertionError);
  });

  it.each([
    ['', 'kernel.required'],
    ['5493001KJTIIGC8Y1R1', 'kernel.too_short'],
    ['5493001KJTIIGC8Y1R123', 'kernel.too_long'],
    ['5493001KJTIIGC8Y1R1A', 'kernel.invalid_format'],
    ['5493001KJTIIGC8Y1-12', 'kernel.invalid_format'],
    ['5493001KJTIIGC8Y1R13', 'kernel.invalid_check_digit'],
  ])('refuses %j with %s', (input, code) => {
    expect(validateLei(input)).toMatchObject({ ok: false, code });
  });

  it('refuses check digits that are congruent to the right ones but not in 02-98', () => {
    // 97 and 00 are the same modulo 97, so the MOD 97-10 remainder alone would accept both.
    let serial = 0;
    while (leiCheckDigits(String(serial).padStart(18, '0')) !== '97') {
      serial++;
    }
    const first18 = String(serial).padStart(18, '0');
    expect(validateLei(`${first18}97`).ok).toBe(true);
    expect(validateLei(`${first18}00`)).toMatchObject({ ok: false, code: 'kernel.invalid_check_digit' });
  });

  it('accepts every code with computed check digits', () => {
    fc.assert(
      fc.property(anyLei, (lei) => {
        expect(validateLei(lei)).toEqual({ ok: true, value: lei });
      }),
    );
  });

  it('rejects any single character replaced by another of its kind (digit for digit, letter for letter)', () => {
    fc.assert(
      fc.property(anyLei, fc.nat(19), fc.nat(25), (lei, position, pick) => {
        const original = lei.charAt(position);
        const kind = classOf(original);
        const replacement = kind.charAt(pick % kind.length);
        fc.pre(replacement !== original);
        expect(validateLei(lei.slice(0, position) + replacement + lei.slice(position + 1)).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects any swap of two different adjacent characters of the same kind', () => {
    fc.assert(
      fc.property(anyLei, fc.nat(18), (lei, position) => {
        const [a, b] = [lei.charAt(position), lei.charAt(position + 1)];
        fc.pre(a !== b && classOf(a) === classOf(b));
        expect(validateLei(lei.slice(0, position) + b + a + lei.slice(position + 2)).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('cannot see a letter swapped with a digit when the letter is worth 11 times the digit (B1, M2, X3)', () => {
    // Swapping "L d" for "d L" changes the value by 9(L - 11d) times a power of ten: zero for B=11 and 1.
    const lei = `ABCDEFGHB1KLMNOPQR${leiCheckDigits('ABCDEFGHB1KLMNOPQR')}`;
    const swapped = `ABCDEFGH1BKLMNOPQR${lei.slice(18)}`;
    expect(validateLei(lei).ok).toBe(true);
    expect(validateLei(swapped).ok).toBe(true);
  });
});
