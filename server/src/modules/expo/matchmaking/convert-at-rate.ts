import { minorUnitOf, money, multiplyMoney } from '@tradehub/kernel';

/** Moves the decimal point of a plain decimal string `places` to the right (left when negative). */
const shiftDecimal = (decimal: string, places: number): string => {
  const [whole = '0', fraction = ''] = decimal.split('.');
  if (places >= 0) {
    const digits = whole + fraction.padEnd(places, '0');
    const point = whole.length + places;
    const result = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/\.$/, '');
    return result.replace(/^0+(?=\d)/, '');
  }
  const padded = whole.padStart(-places + 1, '0');
  const point = padded.length + places;
  return `${padded.slice(0, point)}.${padded.slice(point)}${fraction}`;
};

/**
 * `amountMinor` of `from` expressed in minor units of `to` at `rate` (units of `to` per unit of
 * `from`, a plain decimal string), rounded half-up once: the currencies' minor units may differ
 * (JPY has none, USD two), so the rate is scaled by that difference before the one multiplication.
 */
export const convertAtRate = (amountMinor: bigint, from: string, to: string, rate: string): bigint => {
  const factor = shiftDecimal(rate, minorUnitOf(to) - minorUnitOf(from));
  return multiplyMoney(money(from, amountMinor), factor).amountMinor;
};
