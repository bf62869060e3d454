import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssertionError } from '../errors.ts';
import { usccCheckCharacter, validateUscc } from './uscc.ts';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const anyChar = fc.constantFrom(...CHARSET);
const anyDigit = fc.constantFrom(...'0123456789');
const anyUscc = fc
  .tuple(
    fc.array(anyChar, { minLength: 2, maxLength: 2 }),
    fc.array(anyDigit, { minLength: 6, maxLength: 6 }),
    fc.array(anyChar, { minLength: 9, maxLength: 9 }),
  )
  .map((parts) => parts.flat().join(''))
  .map((first17) => first17 + usccCheckCharacter(first17));

describe('validateUscc', () => {
  it('accepts the known valid sample and normalises case and spaces around it', () => {
    expect(validateUscc('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(validateUscc(' 91350100m000100y43 ')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('computes the check character as 31 - (sum mod 31), with 31 written as 0', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    // Weighted sum 0, so the check value is 31 mod 31 = 0.
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
    expect(validateUscc('000000000000000000').ok).toBe(true);
    expect(() => usccCheckCharacter('91350100M000100I4')).toThrow(AssertionError);
    expect(() => usccCheckCharacter('9135')).toThrow(AssertionError);
  });

  it.each([
    ['', 'kernel.required'],
    [null, 'kernel.required'],
    ['91350100M000100Y4', 'kernel.too_short'],
    ['91350100M000100Y433', 'kernel.too_long'],
    ['91350100M000100I43', 'kernel.invalid_format'],
    ['9135O100M000100Y43', 'kernel.invalid_format'],
    ['91350A00M000100Y43', 'kernel.invalid_format'],
    ['91350100M000100Y44', 'kernel.invalid_check_digit'],
  ])('refuses %j with %s', (input, code) => {
    const result = validateUscc(input);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok || result.message.length > 0).toBe(true);
  });

  it('accepts every code with a computed check character', () => {
    fc.assert(
      fc.property(anyUscc, (code) => {
        expect(validateUscc(code)).toEqual({ ok: true, value: code });
      }),
    );
  });

  it('rejects any single changed character', () => {
    fc.assert(
      fc.property(anyUscc, fc.nat(17), anyChar, (code, position, char) => {
        fc.pre(code[position] !== char);
        const changed = code.slice(0, position) + char + code.slice(position + 1);
        expect(validateUscc(changed).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects any swap of two different adjacent characters', () => {
    fc.assert(
      fc.property(anyUscc, fc.nat(16), (code, position) => {
        fc.pre(code[position] !== code[position + 1]);
        const swapped =
          code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
        expect(validateUscc(swapped).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
