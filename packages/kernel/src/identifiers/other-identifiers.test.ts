import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateCustomsRegistrationCode } from './customs-registration-code.ts';
import { validateEmail } from './email.ts';
import { validateEori } from './eori.ts';
import { toFieldError } from './result.ts';

const VALIDATORS = [validateCustomsRegistrationCode, validateEori, validateEmail];

describe('validateCustomsRegistrationCode', () => {
  it('accepts 10 letters or digits, upper-cased', () => {
    expect(validateCustomsRegistrationCode('3318960001')).toEqual({ ok: true, value: '3318960001' });
    expect(validateCustomsRegistrationCode(' 33189a0001 ')).toEqual({ ok: true, value: '33189A0001' });
  });

  it.each([
    ['', 'kernel.required'],
    ['331896000', 'kernel.too_short'],
    ['33189600011', 'kernel.too_long'],
    ['331896-001', 'kernel.invalid_format'],
    ['33189 0001', 'kernel.invalid_format'],
  ])('refuses %j with %s', (input, code) => {
    expect(validateCustomsRegistrationCode(input)).toMatchObject({ ok: false, code });
  });
});

describe('validateEori', () => {
  it.each([
    ['DE1234567890123', 'DE1234567890123'],
    ['gb 123456789000', 'GB123456789000'],
    ['XI123456789000', 'XI123456789000'],
    ['NL1', 'NL1'],
    ['FR12345678901234A', 'FR12345678901234A'],
  ])('accepts %j', (input, value) => {
    expect(validateEori(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'kernel.required'],
    ['DE', 'kernel.too_short'],
    ['DE1234567890123456', 'kernel.too_long'],
    ['D11234', 'kernel.invalid_format'],
    ['DE12-34', 'kernel.invalid_format'],
    ['ZZ123456', 'kernel.unknown_code'],
    ['EU123456', 'kernel.unknown_code'],
  ])('refuses %j with %s', (input, code) => {
    expect(validateEori(input)).toMatchObject({ ok: false, code });
  });
});

describe('validateEmail', () => {
  it.each([
    ['chen.li@yiwu-commodities.example', 'chen.li@yiwu-commodities.example'],
    ['  Alice+trade@Example.COM ', 'alice+trade@example.com'],
    ["o'brien@mail.example.ie", "o'brien@mail.example.ie"],
    ['a@b.co', 'a@b.co'],
    ['x@xn--fiqs8s.xn--fiqs8s', 'x@xn--fiqs8s.xn--fiqs8s'],
  ])('accepts %j', (input, value) => {
    expect(validateEmail(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'kernel.required'],
    ['plainaddress', 'kernel.invalid_format'],
    ['@example.com', 'kernel.invalid_format'],
    ['a@', 'kernel.invalid_format'],
    ['a@localhost', 'kernel.invalid_format'],
    ['a@b.c', 'kernel.invalid_format'],
    ['a@b..com', 'kernel.invalid_format'],
    ['a@-b.com', 'kernel.invalid_format'],
    ['a@b.123', 'kernel.invalid_format'],
    ['.a@b.com', 'kernel.invalid_format'],
    ['a..b@b.com', 'kernel.invalid_format'],
    ['a b@b.com', 'kernel.invalid_format'],
    ['a@b@c.com', 'kernel.invalid_format'],
    ['"a"@b.com', 'kernel.invalid_format'],
    ['用户@例子.中国', 'kernel.invalid_format'],
    [`${'a'.repeat(65)}@b.com`, 'kernel.too_long'],
    [`a@${`${'b'.repeat(63)}.`.repeat(4)}com`, 'kernel.too_long'],
  ])('refuses %j with %s', (input, code) => {
    expect(validateEmail(input)).toMatchObject({ ok: false, code });
  });

  it('accepts what fast-check considers an e-mail address, when it fits its ASCII rules', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        const result = validateEmail(address);
        const ascii = /^[\x21-\x7e]+$/.test(address) && !address.split('@')[0]?.startsWith('"');
        if (ascii && address.length <= 254) {
          expect(result).toEqual({ ok: true, value: address.toLowerCase() });
        }
      }),
    );
  });
});

describe('every validator', () => {
  it('returns a result, never throws, and is idempotent on its normalised value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), (input) => {
        for (const validate of VALIDATORS) {
          const result = validate(input);
          if (result.ok) {
            expect(validate(result.value)).toEqual(result);
          } else {
            expect(result.code).toMatch(/^kernel\.[a-z_]+$/);
            expect(result.message).not.toBe('');
          }
        }
      }),
    );
  });

  it('turns a failure into a field error', () => {
    expect(toFieldError('eori', validateEori(''))).toEqual({
      field: 'eori',
      code: 'kernel.required',
      message: 'An EORI number is required',
    });
    expect(toFieldError('eori', validateEori('NL1'))).toBeNull();
  });
});
