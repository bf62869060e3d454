import { describe, expect, it } from 'vitest';
import {
  deliveredPercent,
  fitsRemaining,
  isSha256,
  moneyText,
  scaledAmount,
} from './services-trade-model.ts';

describe('services-trade amounts', () => {
  it('reads plain decimals only', () => {
    expect(scaledAmount('12.5')).toBe(125000n);
    expect(scaledAmount('0.0001')).toBe(1n);
    expect(scaledAmount('1e5')).toBeNull();
    expect(scaledAmount('-1')).toBeNull();
    expect(scaledAmount('')).toBeNull();
  });

  it('checks a delivery against what remains', () => {
    expect(fitsRemaining('4000.00', { amount: '4000.00', currency: 'USD' })).toBe(true);
    expect(fitsRemaining('4000.01', { amount: '4000.00', currency: 'USD' })).toBe(false);
    expect(fitsRemaining('0', { amount: '4000.00', currency: 'USD' })).toBe(false);
  });

  it('formats and measures progress', () => {
    expect(moneyText({ amount: '1234567.50', currency: 'USD' })).toBe('1,234,567.50 USD');
    expect(moneyText({ amount: '500', currency: 'JPY' })).toBe('500 JPY');
    expect(
      deliveredPercent({ amount: '6000.00', currency: 'USD' }, { amount: '10000.00', currency: 'USD' }),
    ).toBe(60);
    expect(deliveredPercent({ amount: '0.00', currency: 'USD' }, { amount: '0.00', currency: 'USD' })).toBe(
      0,
    );
  });

  it('takes SHA-256 digests as lower-case hex', () => {
    expect(isSha256('a'.repeat(64))).toBe(true);
    expect(isSha256('A'.repeat(64))).toBe(false);
  });
});
