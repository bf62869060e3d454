import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatPercent, scaledDecimal } from './format.ts';

// Money is written from integer minor units with a bigint division rounded half-up: never a float.
describe('white-paper number formats', () => {
  it('rounds half-up at the scale asked for, grouping thousands', () => {
    expect(scaledDecimal(12_345n, 100n, 1)).toBe('123.5');
    expect(scaledDecimal(12_344n, 100n, 1)).toBe('123.4');
    expect(scaledDecimal(123_456_789_00n, 100n, 0)).toBe('123,456,789');
    expect(scaledDecimal(-150n, 100n, 0)).toBe('-2');
    expect(scaledDecimal(0n, 100n, 2)).toBe('0.00');
    // Beyond 2^53: a float would lose the last cent.
    expect(scaledDecimal(9_007_199_254_740_993n, 1n, 0)).toBe('9,007,199,254,740,993');
  });

  it('writes zh-CN money in 亿 and 万, English in bn and m', () => {
    expect(formatMoney(100_000_000_000_00n, 'USD', 'zh-CN')).toBe('1,000.00 亿美元');
    expect(formatMoney(150_000_000n, 'USD', 'zh-CN')).toBe('150.0 万美元');
    expect(formatMoney(999_900n, 'CNY', 'zh-CN')).toBe('9,999 元');
    expect(formatMoney(1_000_000n, 'CNY', 'zh-CN')).toBe('1.0 万元');
    expect(formatMoney(100_000_000_000_00n, 'USD', 'en')).toBe('USD 100.00 bn');
    expect(formatMoney(150_000_000n, 'USD', 'en')).toBe('USD 1.5 m');
    expect(formatMoney(99_999_999n, 'CNY', 'en')).toBe('CNY 1,000,000');
    expect(formatMoney(0n, 'USD', 'en')).toBe('USD 0');
  });

  it('writes percentages with one decimal, growth signed, no base as a dash', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(0.1234, true)).toBe('+12.3%');
    expect(formatPercent(-0.05, true)).toBe('-5.0%');
    expect(formatPercent(0, true)).toBe('0.0%');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes dates as each language does', () => {
    const months = ['January', 'February', 'March'];
    expect(formatDate('2026-03-05', 'zh-CN', months)).toBe('2026年3月5日');
    expect(formatDate('2026-03-05', 'en', months)).toBe('5 March 2026');
  });
});
