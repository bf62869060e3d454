import { describe, expect, it } from 'vitest';
import { thrownAppError } from '../test-support.ts';
import { currencyByCode, isCurrencyCode, listCurrencies, parseCurrencyCode } from './currencies.ts';

describe('currencies', () => {
  it('lists the 178 current ISO 4217 codes, sorted and frozen', () => {
    const currencies = listCurrencies();
    expect(currencies).toHaveLength(178);
    expect(Object.isFrozen(currencies)).toBe(true);
    expect(currencies.map((c) => c.code)).toEqual(currencies.map((c) => c.code).sort());
  });

  it('has numeric codes with leading zeros and minor units', () => {
    expect(currencyByCode('CNY')).toEqual({
      code: 'CNY',
      numeric: '156',
      minorUnit: 2,
      name: 'Yuan Renminbi',
    });
    expect(currencyByCode('ALL')?.numeric).toBe('008');
    expect(currencyByCode('JPY')?.minorUnit).toBe(0);
    expect(currencyByCode('KWD')?.minorUnit).toBe(3);
    expect(currencyByCode('CLF')?.minorUnit).toBe(4);
    expect(currencyByCode('XAU')?.minorUnit).toBeNull();
  });

  it('knows current codes only', () => {
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('XCG')).toBe(true);
    expect(isCurrencyCode('ANG')).toBe(false);
    expect(isCurrencyCode('DEM')).toBe(false);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode(840)).toBe(false);
    expect(parseCurrencyCode('EUR')).toBe('EUR');
    const error = thrownAppError(() => parseCurrencyCode('RMB'), 'kernel.unknown_currency');
    expect(error.details).toEqual({ currency: 'RMB' });
  });
});
