import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmountMinor } from './amount.ts';

describe('parseAmountMinor', () => {
  it('reads decimal strings in minor units', () => {
    expect(parseAmountMinor('12.30', 'EUR')).toBe(1230n);
    expect(parseAmountMinor('12.3', 'EUR')).toBe(1230n);
    expect(parseAmountMinor('1500', 'JPY')).toBe(1500n);
    expect(parseAmountMinor('0.001', 'BHD')).toBe(1n);
    expect(parseAmountMinor('1.50000', 'USD')).toBe(150n);
  });

  it.each([
    ['-1.00', 'EUR', 'payments.amount_not_positive'],
    ['0', 'EUR', 'payments.amount_not_positive'],
    ['0.00', 'EUR', 'payments.amount_not_positive'],
    ['1.001', 'EUR', 'payments.too_many_decimals'],
    ['1.5', 'JPY', 'payments.too_many_decimals'],
    ['1e3', 'EUR', 'payments.invalid_amount'],
    ['', 'EUR', 'payments.invalid_amount'],
    ['99999999999999999999', 'EUR', 'payments.invalid_amount'],
    ['1.00', 'XXQ', 'payments.unknown_currency'],
  ])('refuses %j %s with %s', (amount, currency, code) => {
    expect(() => parseAmountMinor(amount, currency)).toThrow(expect.objectContaining({ code }));
  });

  it('formats with the currency decimals', () => {
    expect(formatAmount(1230n, 'EUR')).toBe('12.30');
    expect(formatAmount(-5n, 'CNY')).toBe('-0.05');
    expect(formatAmount(7n, 'JPY')).toBe('7');
  });
});
