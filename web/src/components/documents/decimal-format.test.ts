import { describe, expect, it } from 'vitest';
import { currencyName, formatAmount, formatDecimal } from './decimal-format.ts';

describe('decimal formatting', () => {
  it('keeps every digit of amounts larger than a float holds', () => {
    expect(formatAmount('12345678901234567.89', 'USD', 'en')).toBe('$12,345,678,901,234,567.89');
    expect(formatDecimal('9007199254740993', 'en')).toBe('9,007,199,254,740,993');
  });

  it('shows the currency decimals at least, and finer prices in full', () => {
    expect(formatAmount('2252.5', 'USD', 'en')).toBe('$2,252.50');
    expect(formatAmount('0.0035', 'USD', 'en')).toBe('$0.0035');
    expect(formatAmount('1200', 'JPY', 'en')).toBe('¥1,200');
    expect(formatAmount('1200.00', 'CNY', 'zh-CN')).toBe('¥1,200.00');
  });

  it('returns text that is not a plain decimal unchanged', () => {
    expect(formatDecimal('about 12', 'en')).toBe('about 12');
    expect(formatAmount('1e3', 'USD', 'en')).toBe('1e3 USD');
    expect(formatAmount('12.5', 'usd!', 'en')).toBe('12.5 usd!');
  });

  it('names currencies in the UI language', () => {
    expect(currencyName('EUR', 'zh-CN')).toBe('欧元');
    expect(currencyName('EUR', 'en')).toBe('Euro');
  });
});
