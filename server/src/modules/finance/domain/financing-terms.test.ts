import { describe, expect, it } from 'vitest';
import { interestMinor, offerMoney, parseRate } from './financing-terms.ts';

describe('financing terms', () => {
  it('reads annual rates from 0 to 1 with at most six decimals', () => {
    expect(parseRate('0.08')).toBe(80_000n);
    expect(parseRate('0.065')).toBe(65_000n);
    expect(parseRate('1')).toBe(1_000_000n);
    expect(parseRate('0')).toBe(0n);
    for (const bad of ['1.000001', '2', '-0.1', '.5', '0.0000001', '0,05', '']) {
      expect(parseRate(bad), bad).toBeUndefined();
    }
  });

  it('computes ACT/360 simple interest in minor units, rounded half up', () => {
    // 6,000.00 at 8 % for 90 days: 120.00.
    expect(interestMinor(600_000n, 80_000n, 90)).toBe(12_000n);
    // 10,000.00 at 5 % for 1 day: 1.3888… -> 1.39; 100.00: 0.01388… -> 0.01.
    expect(interestMinor(1_000_000n, 50_000n, 1)).toBe(139n);
    expect(interestMinor(10_000n, 50_000n, 1)).toBe(1n);
    // Exactly half a cent rounds up: 0.01 at 50 % for 360 days is 0.005 -> 0.01.
    expect(interestMinor(1n, 500_000n, 360)).toBe(1n);
    expect(interestMinor(600_000n, 0n, 90)).toBe(0n);
  });

  it('pays out the amount less the fee and is owed the amount plus interest', () => {
    expect(offerMoney(600_000n, 5_000n, 80_000n, 90)).toEqual({
      disbursementMinor: 595_000n,
      repaymentMinor: 612_000n,
    });
  });
});
