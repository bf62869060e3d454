import { type Money, money, multiplyMoney } from '@tradehub/kernel';

// The arithmetic of a credit-insurance policy, pure: premium and payout in integer minor units
// (round half-up, as the kernel's multiplyMoney does), and the calendar rules of declarations and
// claims on UTC dates written YYYY-MM-DD.

const RATE = /^0\.\d{1,8}$/;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A premium rate as a share of the declared value: `0.0035`; more than 0, less than 1. */
export const isPremiumRate = (rate: string) => RATE.test(rate) && /[1-9]/.test(rate);

/** An indemnity percentage: more than 0, at most 100, two decimals at most (`90`, `87.5`). */
export const isIndemnityPercent = (percent: string) => {
  if (!PERCENT.test(percent)) {
    return false;
  }
  const [whole = '0', fraction = ''] = percent.split('.');
  const hundredths = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return hundredths > 0n && hundredths <= 10_000n;
};

/** `90` -> `0.90`, `100` -> `1.00`, `87.5` -> `0.875`: the percentage as a factor, exactly. */
export const percentToFactor = (percent: string): string => {
  const [whole = '0', fraction = ''] = percent.split('.');
  const digits = `${whole.padStart(3, '0')}${fraction}`;
  const integer = digits.slice(0, digits.length - fraction.length - 2);
  const decimals = digits.slice(digits.length - fraction.length - 2);
  return `${BigInt(integer).toString()}.${decimals}`;
};

/** Declared value x rate, half-up to the minor unit. */
export const premiumOf = (declared: Money, rate: string): Money => multiplyMoney(declared, rate, 'half_up');

/** Outstanding x indemnity percentage, half-up to the minor unit. */
export const payoutOf = (outstanding: Money, indemnityPercent: string): Money =>
  multiplyMoney(outstanding, percentToFactor(indemnityPercent), 'half_up');

/** A real calendar date written YYYY-MM-DD. */
export const isIsoDate = (value: string) => {
  if (!DATE.test(value)) {
    return false;
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
};

const dayNumber = (date: string) => Math.round(new Date(`${date}T00:00:00Z`).getTime() / DAY_MS);

export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

export const addDays = (date: string, days: number) =>
  new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);

export const utcDate = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The first day a claim may be filed: the day after the waiting period that starts on the due
 * date has run (due 2026-03-01 with 60 days: 2026-04-30).
 */
export const claimableFrom = (dueDate: string, waitingPeriodDays: number) =>
  addDays(dueDate, waitingPeriodDays);

/** Why a shipment cannot be declared under the policy's dates, or undefined when it can. */
export const declarationDateProblem = (
  policy: { periodStart: string; periodEnd: string; maxCreditPeriodDays: number },
  shipmentDate: string,
  dueDate: string,
): { field: 'shipmentDate' | 'dueDate'; code: string; message: string } | undefined => {
  if (shipmentDate < policy.periodStart || shipmentDate > policy.periodEnd) {
    return {
      field: 'shipmentDate',
      code: 'finance.insurance_outside_policy_period',
      message: `The policy covers shipments from ${policy.periodStart} to ${policy.periodEnd}`,
    };
  }
  if (dueDate < shipmentDate) {
    return {
      field: 'dueDate',
      code: 'finance.insurance_due_before_shipment',
      message: 'On or after the shipment date',
    };
  }
  if (daysBetween(shipmentDate, dueDate) > policy.maxCreditPeriodDays) {
    return {
      field: 'dueDate',
      code: 'finance.insurance_credit_period_too_long',
      message: `At most ${policy.maxCreditPeriodDays} days after the shipment date`,
    };
  }
  return undefined;
};

/** The zero of a currency, for sums that start from nothing. */
export const zero = (currency: string) => money(currency, 0n);
