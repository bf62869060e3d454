import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRegistryNumber, cnPatentCheckCharacter } from './registry-number.ts';

describe('CNIPA application numbers (ZC 0006-2003)', () => {
  it('computes the check character of published examples', () => {
    // 201710601862.3 is the worked example of CNIPA practice; 202510149890.0 a published one.
    expect(cnPatentCheckCharacter('201710601862')).toBe('3');
    expect(cnPatentCheckCharacter('202510149890')).toBe('0');
  });

  it('accepts ZL/CN prefixes and the standard spaces, and canonicalises them', () => {
    for (const written of ['ZL201710601862.3', 'CN 201710601862.3', '2017 1 0601862.3', 'zl201710601862.3']) {
      expect(checkRegistryNumber('patent', 'CN', written)).toEqual({
        ok: true,
        canonical: '201710601862.3',
        checked: 'check_digit',
      });
    }
  });

  it('refuses a wrong check character, a wrong kind digit and a malformed number', () => {
    // The sum of ZL202310123456 is 127, 127 mod 11 = 6.
    expect(checkRegistryNumber('patent', 'CN', 'ZL202310123456.7')).toMatchObject({
      ok: false,
      code: 'expo.ip_number_check_digit',
    });
    expect(checkRegistryNumber('patent', 'CN', 'ZL202310123456.6')).toMatchObject({ ok: true });
    expect(checkRegistryNumber('design', 'CN', '201710601862.3')).toMatchObject({
      ok: false,
      code: 'expo.ip_number_kind_mismatch',
    });
    expect(checkRegistryNumber('patent', 'CN', '201710601862')).toMatchObject({
      ok: false,
      code: 'expo.ip_number_format',
    });
  });

  it('every single-digit change of a valid number is caught (mod 11 catches all)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1985, max: 2099 }),
        fc.constantFrom('1', '8'),
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.nat({ max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (year, kind, serial, position, delta) => {
          const digits = `${year}${kind}${String(serial).padStart(7, '0')}`;
          const valid = `${digits}.${cnPatentCheckCharacter(digits)}`;
          expect(checkRegistryNumber('patent', 'CN', valid).ok).toBe(true);
          const changed = [...digits];
          changed[position] = String((Number(changed[position]) + delta) % 10);
          const altered = changed.join('');
          const result = checkRegistryNumber('patent', 'CN', `${altered}.${cnPatentCheckCharacter(digits)}`);
          // Changing the kind digit may also fail the kind check; either way it is refused.
          expect(result.ok).toBe(false);
        },
      ),
      { seed: 11, numRuns: 500 },
    );
  });

  it('never throws on arbitrary input, for any kind and jurisdiction', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'patent',
          'utility_model',
          'design',
          'trademark',
          'copyright',
          'software_copyright',
          'trade_secret_reference',
        ),
        fc.constantFrom('CN', 'US', 'EP', 'WO'),
        fc.string({ maxLength: 80 }),
        (kind, jurisdiction, raw) => {
          const result = checkRegistryNumber(kind, jurisdiction, raw);
          if (result.ok) {
            expect(result.canonical.length).toBeLessThanOrEqual(64);
          }
        },
      ),
      { seed: 7, numRuns: 1000 },
    );
  });
});

describe('other rights', () => {
  it('trademark registration numbers are digits', () => {
    expect(checkRegistryNumber('trademark', 'CN', '12345678')).toMatchObject({ ok: true, checked: 'format' });
    expect(checkRegistryNumber('trademark', 'EP', '018123456')).toMatchObject({ canonical: '18123456' });
    expect(checkRegistryNumber('trademark', 'CN', 'TM-1')).toMatchObject({ ok: false });
  });

  it('foreign patents and copyrights are free text within limits; a trade secret has no number', () => {
    expect(checkRegistryNumber('patent', 'US', 'US 11,234,567 B2')).toMatchObject({ ok: true });
    expect(checkRegistryNumber('patent', 'US', '<script>')).toMatchObject({ ok: false });
    expect(checkRegistryNumber('patent', 'EP', 'EP 3 456 789 B1')).toMatchObject({
      ok: true,
      checked: 'free_text',
    });
    expect(checkRegistryNumber('software_copyright', 'CN', '2023SR0123456')).toMatchObject({ ok: true });
    expect(checkRegistryNumber('copyright', 'CN', 'x'.repeat(65))).toMatchObject({ ok: false });
    expect(checkRegistryNumber('trade_secret_reference', 'CN', 'anything')).toMatchObject({
      ok: false,
      code: 'expo.ip_number_not_allowed',
    });
  });
});
