// Exact fixed-point decimals on bigint for the tax engine and the quota ledger. The kernel keeps
// its own decimal helpers internal (only Money is exported), and customs amounts are N19,5 rather
// than minor units of a currency, so this small set lives here.

/** Fraction digits of every amount customs carries (N19,5 in the CEB schema). */
export const AMOUNT_SCALE = 5;

const AMOUNT_UNIT = 10n ** BigInt(AMOUNT_SCALE);

// Plain decimal notation only: no sign other than '-', no exponent, no bare '.5' or '5.'.
const DECIMAL_PATTERN = /^(-?)(\d{1,30})(?:\.(\d{1,30}))?$/;

/** A rational number numerator / denominator, denominator > 0; exact until rounded. */
export type Ratio = { numerator: bigint; denominator: bigint };

/** `text` as a Ratio over 10^fraction digits, or null when it is not a plain decimal. */
export const parseRatio = (text: string): Ratio | null => {
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) {
    return null;
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  const magnitude = BigInt(whole + fraction);
  return { numerator: sign === '-' ? -magnitude : magnitude, denominator: 10n ** BigInt(fraction.length) };
};

/** Number of fraction digits written in a plain decimal string (0 for an integer). */
export const fractionDigitsOf = (text: string): number => {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
};

/**
 * `text` in units of 10^-5, or null when it is not a plain decimal with at most five fraction
 * digits (more would have to be rounded, and silently rounding an input amount hides a mistake).
 */
export const parseAmount = (text: string): bigint | null => {
  const ratio = parseRatio(text);
  if (ratio === null || fractionDigitsOf(text) > AMOUNT_SCALE) {
    return null;
  }
  return (ratio.numerator * AMOUNT_UNIT) / ratio.denominator;
};

/** numerator / denominator rounded half-up (ties away from zero, 四舍五入); denominator > 0. */
export const divideHalfUp = (numerator: bigint, denominator: bigint): bigint => {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice >= denominator) {
    return quotient + (numerator < 0n ? -1n : 1n);
  }
  return quotient;
};

/** A Ratio rounded half-up to units of 10^-5. */
export const ratioToAmount = (ratio: Ratio): bigint =>
  divideHalfUp(ratio.numerator * AMOUNT_UNIT, ratio.denominator);

/** An amount in units of 10^-5 rounded half-up to the fen, still in units of 10^-5. */
export const roundAmountToFen = (amount: bigint): bigint => divideHalfUp(amount, 1000n) * 1000n;

/** An amount in units of 10^-scale written as a plain decimal with exactly `digits` fraction digits. */
export const formatUnits = (units: bigint, scale: number, digits: number): string => {
  const rescaled =
    digits >= scale
      ? units * 10n ** BigInt(digits - scale)
      : divideHalfUp(units, 10n ** BigInt(scale - digits));
  const negative = rescaled < 0n;
  const text = (negative ? -rescaled : rescaled).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
};

/** An amount in units of 10^-5 as a string with five fraction digits, as CEB816 carries it. */
export const formatAmount = (amount: bigint): string => formatUnits(amount, AMOUNT_SCALE, AMOUNT_SCALE);

/** An amount in units of 10^-5 (already a whole number of fen) as a string with two fraction digits. */
export const formatFen = (amount: bigint): string => formatUnits(amount, AMOUNT_SCALE, 2);
