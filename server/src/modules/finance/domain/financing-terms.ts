/**
 * The money of an offer, in integer minor units: the bank pays out the amount less its fee, and
 * is owed the amount plus simple interest at the annual rate over the tenor, on ACT/360 (the
 * money-market convention for USD and EUR trade loans). Never a float.
 */

const RATE_PATTERN = /^(\d)(?:\.(\d{1,6}))?$/;
const RATE_SCALE = 1_000_000n;
const DAY_BASIS = 360n;

/** The rate in millionths ("0.065" -> 65000n), or undefined when it is no rate from 0 to 1. */
export const parseRate = (text: string): bigint | undefined => {
  const match = RATE_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }
  const units = BigInt(match[1] ?? '0') * RATE_SCALE + BigInt((match[2] ?? '').padEnd(6, '0'));
  return units <= RATE_SCALE ? units : undefined;
};

/** Interest on `amountMinor` at `rateMillionths` a year over `tenorDays`, rounded half up. */
export const interestMinor = (amountMinor: bigint, rateMillionths: bigint, tenorDays: number): bigint => {
  const denominator = RATE_SCALE * DAY_BASIS;
  return (amountMinor * rateMillionths * BigInt(tenorDays) * 2n + denominator) / (2n * denominator);
};

export type OfferMoney = { disbursementMinor: bigint; repaymentMinor: bigint };

/** What the bank pays out and what it is owed at maturity. */
export const offerMoney = (
  amountMinor: bigint,
  feeMinor: bigint,
  rateMillionths: bigint,
  tenorDays: number,
): OfferMoney => ({
  disbursementMinor: amountMinor - feeMinor,
  repaymentMinor: amountMinor + interestMinor(amountMinor, rateMillionths, tenorDays),
});
