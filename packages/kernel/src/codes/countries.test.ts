import { describe, expect, it } from 'vitest';
import { thrownAppError } from '../test-support.ts';
import {
  countryByAlpha2,
  countryByAlpha3,
  isCountryCode,
  listCountries,
  parseCountryCode,
} from './countries.ts';
import { isCurrencyCode } from './currencies.ts';

describe('countries', () => {
  it('lists 249 ISO 3166-1 entries, sorted and frozen', () => {
    const countries = listCountries();
    expect(countries).toHaveLength(249);
    expect(Object.isFrozen(countries)).toBe(true);
    expect(Object.isFrozen(countries[0])).toBe(true);
    expect(countries.map((c) => c.alpha2)).toEqual(countries.map((c) => c.alpha2).sort());
  });

  it('knows China, Namibia (NA is not "not available") and Afghanistan with its padded numeric code', () => {
    expect(countryByAlpha2('CN')).toEqual({
      alpha2: 'CN',
      alpha3: 'CHN',
      numeric: '156',
      nameEn: 'China',
      nameZh: '中国',
      currency: 'CNY',
    });
    expect(countryByAlpha2('NA')).toMatchObject({ alpha3: 'NAM', nameEn: 'Namibia', currency: 'NAD' });
    expect(countryByAlpha2('AF')?.numeric).toBe('004');
    expect(countryByAlpha3('DEU')?.alpha2).toBe('DE');
  });

  it('falls back to official names and finds currencies missing from country-codes.csv', () => {
    expect(countryByAlpha2('HK')).toMatchObject({
      nameEn: 'Hong Kong',
      nameZh: '中国香港特别行政区',
      currency: 'HKD',
    });
    expect(countryByAlpha2('TR')?.currency).toBe('TRY');
    expect(countryByAlpha2('AQ')?.currency).toBeNull();
    expect(countryByAlpha2('PS')?.currency).toBeNull();
  });

  it('gives every country a known currency or none', () => {
    for (const country of listCountries()) {
      expect(country.currency === null || isCurrencyCode(country.currency)).toBe(true);
      expect(country.nameEn).not.toBe('');
      expect(country.nameZh).not.toBe('');
      expect(country.numeric).toMatch(/^\d{3}$/);
    }
  });

  it('validates alpha-2 codes strictly', () => {
    expect(isCountryCode('CN')).toBe(true);
    expect(isCountryCode('NA')).toBe(true);
    expect(isCountryCode('cn')).toBe(false);
    expect(isCountryCode('XK')).toBe(false);
    expect(isCountryCode('CHN')).toBe(false);
    expect(isCountryCode(null)).toBe(false);
    expect(countryByAlpha2('ZZ')).toBeUndefined();
    expect(parseCountryCode('SG')).toBe('SG');
    thrownAppError(() => parseCountryCode('UK'), 'kernel.unknown_country');
  });
});
