import { money } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import {
  claimableFrom,
  declarationDateProblem,
  isIndemnityPercent,
  isIsoDate,
  isPremiumRate,
  payoutOf,
  percentToFactor,
  premiumOf,
} from './terms.ts';

describe('credit-insurance terms', () => {
  it('rounds the premium half-up to the minor unit, with integers', () => {
    // 10,030.00 x 0.0035 = 35.105 -> 35.11; half-even would give 35.10.
    expect(premiumOf(money('EUR', 1_003_000n), '0.0035').amountMinor).toBe(3511n);
    expect(premiumOf(money('EUR', 1_003_100n), '0.0035').amountMinor).toBe(3511n);
    // JPY has no minor unit: 123,457 x 0.0035 = 432.0995 -> 432.
    expect(premiumOf(money('JPY', 123_457n), '0.0035').amountMinor).toBe(432n);
  });

  it('turns an indemnity percentage into an exact factor and pays out half-up', () => {
    expect(percentToFactor('90')).toBe('0.90');
    expect(percentToFactor('100')).toBe('1.00');
    expect(percentToFactor('87.5')).toBe('0.875');
    expect(percentToFactor('5')).toBe('0.05');
    expect(percentToFactor('0.25')).toBe('0.0025');
    // 8,765.43 x 90 % = 7,888.887 -> 7,888.89.
    expect(payoutOf(money('EUR', 876_543n), '90').amountMinor).toBe(788_889n);
  });

  it('accepts only rates and percentages in range', () => {
    expect(['0.0035', '0.5', '0.00000001'].every(isPremiumRate)).toBe(true);
    expect(['0', '0.0', '1', '1.5', '.5', '0.000000001', '-0.1'].some(isPremiumRate)).toBe(false);
    expect(['90', '100', '87.5', '0.01'].every(isIndemnityPercent)).toBe(true);
    expect(['0', '100.01', '120', '90.123', 'abc'].some(isIndemnityPercent)).toBe(false);
  });

  it('counts the waiting period from the due date and checks declaration dates', () => {
    expect(claimableFrom('2026-12-31', 60)).toBe('2027-03-01');
    expect(claimableFrom('2028-02-28', 1)).toBe('2028-02-29');
    expect(isIsoDate('2026-02-30')).toBe(false);
    const policy = { periodStart: '2026-10-01', periodEnd: '2027-09-30', maxCreditPeriodDays: 120 };
    expect(declarationDateProblem(policy, '2026-11-01', '2027-03-01')).toBeUndefined();
    expect(declarationDateProblem(policy, '2026-11-01', '2027-03-02')?.code).toBe(
      'finance.insurance_credit_period_too_long',
    );
    expect(declarationDateProblem(policy, '2027-10-01', '2027-10-30')?.field).toBe('shipmentDate');
    expect(declarationDateProblem(policy, '2026-11-01', '2026-10-31')?.code).toBe(
      'finance.insurance_due_before_shipment',
    );
  });
});
