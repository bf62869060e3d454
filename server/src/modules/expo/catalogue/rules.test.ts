import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findEbops } from './ebops.ts';
import {
  canonicalLanguage,
  certificationVerification,
  countryProblems,
  isTimeZone,
  moqProblems,
  nextStatus,
  parsePriceRange,
} from './rules.ts';

describe('price ranges', () => {
  it('keeps money in minor units of the currency and refuses min above max', () => {
    expect(parsePriceRange({ currency: 'USD', min: '8.5', max: '11.00' })).toEqual({
      ok: true,
      currency: 'USD',
      minMinor: 850n,
      maxMinor: 1100n,
    });
    expect(parsePriceRange({ currency: 'JPY', min: '120', max: '150' })).toMatchObject({ minMinor: 120n });
    expect(parsePriceRange({ currency: 'USD', min: '12', max: '11' })).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field: 'price.min', code: 'expo.price_min_above_max' })],
    });
    expect(parsePriceRange({ currency: 'JPY', min: '1.5', max: '2' })).toMatchObject({ ok: false });
    expect(parsePriceRange({ currency: 'XYZ', min: '1', max: '2' })).toMatchObject({
      ok: false,
      errors: [{ field: 'price.currency', code: 'expo.unknown_currency' }],
    });
  });

  it('never throws on any text, and accepts exactly the ordered pairs', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.string({ maxLength: 30 }),
        fc.string({ maxLength: 4 }),
        (min, max, currency) => {
          const result = parsePriceRange({ currency, min, max });
          if (result.ok) {
            expect(result.minMinor <= result.maxMinor).toBe(true);
          } else {
            expect(result.errors.length).toBeGreaterThan(0);
          }
        },
      ),
      { seed: 11, numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (a, b) => {
          const decimal = (v: bigint) => `${v / 100n}.${(v % 100n).toString().padStart(2, '0')}`;
          const result = parsePriceRange({ currency: 'EUR', min: decimal(a), max: decimal(b) });
          expect(result.ok).toBe(a <= b);
          if (result.ok) {
            expect([result.minMinor, result.maxMinor]).toEqual([a, b]);
          }
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('other codes', () => {
  it('checks quantities, countries, languages, time zones and EBOPS items', () => {
    expect(moqProblems('500')).toEqual([]);
    expect(moqProblems('0.001')).toEqual([]);
    expect(moqProblems('0')).toHaveLength(1);
    expect(moqProblems('1.2345')).toHaveLength(1);
    expect(moqProblems('-1')).toHaveLength(1);
    expect(countryProblems('m', ['DE', 'XX']).map((p) => p.field)).toEqual(['m.1']);
    expect(canonicalLanguage('zh-cn')).toBe('zh-CN');
    expect(canonicalLanguage('not a tag')).toBeUndefined();
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(findEbops('SI2')?.zh).toBe('计算机服务');
    expect(findEbops('SZ')).toBeUndefined();
  });

  it('never throws on odd quantities or tags', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        expect(Array.isArray(moqProblems(text))).toBe(true);
        canonicalLanguage(text);
        isTimeZone(text);
      }),
      { seed: 13, numRuns: 500 },
    );
  });
});

describe('status and verification', () => {
  it('publishes drafts and withdrawn entries, withdraws published ones', () => {
    expect(nextStatus('draft', 'publish')).toBe('published');
    expect(nextStatus('withdrawn', 'publish')).toBe('published');
    expect(nextStatus('published', 'publish')).toBeUndefined();
    expect(nextStatus('published', 'withdraw')).toBe('withdrawn');
    expect(nextStatus('draft', 'withdraw')).toBeUndefined();
  });

  it('derives a certification’s verification from its credential', () => {
    const now = new Date('2026-11-27T00:00:00Z');
    expect(certificationVerification(undefined, false, now)).toBe('self_declared');
    expect(certificationVerification({ valid: true }, true, now)).toBe('verified');
    expect(certificationVerification({ valid: false }, true, now)).toBe('revoked');
    expect(certificationVerification(undefined, true, now)).toBe('revoked');
    expect(certificationVerification({ valid: true, expiresAt: '2026-01-01T00:00:00Z' }, true, now)).toBe(
      'expired',
    );
  });
});
