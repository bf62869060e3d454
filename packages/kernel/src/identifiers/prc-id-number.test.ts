import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssertionError } from '../errors.ts';
import { maskPrcIdNumber, prcIdCheckCharacter, validatePrcIdNumber } from './prc-id-number.ts';

const TODAY = { today: '2025-06-30' };
const anyDigits = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const anyBirthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-06-30T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10).replaceAll('-', ''));
const anyIdNumber = fc
  .tuple(anyDigits(6), anyBirthDate, anyDigits(3))
  .map((parts) => parts.join(''))
  .map((first17) => first17 + prcIdCheckCharacter(first17));

describe('validatePrcIdNumber', () => {
  it('accepts the sample, with a lower-case x too', () => {
    expect(validatePrcIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
    });
    expect(validatePrcIdNumber('11010519491231002x', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
    });
  });

  it('maps sum mod 11 to 1 0 X 9 8 7 6 5 4 3 2', () => {
    expect(prcIdCheckCharacter('11010519491231002')).toBe('X');
    expect(prcIdCheckCharacter('00000000000000000')).toBe('1');
    expect(() => prcIdCheckCharacter('1101051949123100X')).toThrow(AssertionError);
  });

  it.each([
    ['', 'kernel.required'],
    ['11010519491231002', 'kernel.too_short'],
    ['11010519491231002XX', 'kernel.too_long'],
    ['1101051949123100XX', 'kernel.invalid_format'],
    ['11010519491231002A', 'kernel.invalid_format'],
    ['110105194912310021', 'kernel.invalid_check_digit'],
  ])('refuses %j with %s', (input, code) => {
    expect(validatePrcIdNumber(input, TODAY)).toMatchObject({ ok: false, code });
  });

  it('refuses impossible and future birth dates', () => {
    const withDate = (date: string) => {
      const first17 = `110105${date}002`;
      return validatePrcIdNumber(first17 + prcIdCheckCharacter(first17), TODAY);
    };
    expect(withDate('20000229').ok).toBe(true);
    expect(withDate('19000229')).toMatchObject({ ok: false, code: 'kernel.invalid_format' });
    expect(withDate('19490230')).toMatchObject({ ok: false, code: 'kernel.invalid_format' });
    expect(withDate('19491301')).toMatchObject({ ok: false, code: 'kernel.invalid_format' });
    expect(withDate('17991231')).toMatchObject({ ok: false, code: 'kernel.invalid_format' });
    expect(withDate('20250630').ok).toBe(true);
    expect(withDate('20250701')).toMatchObject({
      ok: false,
      code: 'kernel.invalid_format',
      message: expect.stringContaining('future'),
    });
  });

  it('uses the current date in China when no date is given', () => {
    expect(validatePrcIdNumber('11010519491231002X').ok).toBe(true);
    expect(() => validatePrcIdNumber('11010519491231002X', { today: '2025/06/30' })).toThrow(AssertionError);
  });

  it('accepts every number with a real birth date and a computed check character', () => {
    fc.assert(
      fc.property(anyIdNumber, (id) => {
        expect(validatePrcIdNumber(id, TODAY)).toEqual({ ok: true, value: id });
      }),
    );
  });

  it('rejects any single changed character', () => {
    fc.assert(
      fc.property(anyIdNumber, fc.nat(17), fc.constantFrom(...'0123456789X'), (id, position, char) => {
        fc.pre(id.charAt(position) !== char);
        expect(validatePrcIdNumber(id.slice(0, position) + char + id.slice(position + 1), TODAY).ok).toBe(
          false,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('rejects any swap of two different adjacent digits', () => {
    fc.assert(
      fc.property(anyIdNumber, fc.nat(16), (id, position) => {
        const [a, b] = [id.charAt(position), id.charAt(position + 1)];
        fc.pre(a !== b);
        expect(validatePrcIdNumber(id.slice(0, position) + b + a + id.slice(position + 2), TODAY).ok).toBe(
          false,
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('maskPrcIdNumber', () => {
  it('keeps the first 3 and last 2 characters and the length', () => {
    expect(maskPrcIdNumber('11010519491231002X')).toBe('110*************2X');
    expect(maskPrcIdNumber('123456')).toBe('123*56');
    expect(maskPrcIdNumber('12345')).toBe('*****');
    expect(maskPrcIdNumber('')).toBe('');
  });

  it('never reveals more than five characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789X') }), (id) => {
        const masked = maskPrcIdNumber(id);
        expect(masked).toHaveLength(id.length);
        expect(masked.replaceAll('*', '').length).toBeLessThanOrEqual(5);
      }),
    );
  });
});
