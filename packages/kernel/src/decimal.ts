// Exact decimal arithmetic on bigint for Money; internal to the kernel.

import { assert } from './errors.ts';

/** How a result that falls between two representable values is rounded. */
export type RoundingMode = 'half_up' | 'half_even' | 'down';

/** A decimal number as `unscaled / 10^scale`, e.g. 12.340 is { unscaled: 12340n, scale: 3 }. */
export type Decimal = { unscaled: bigint; scale: number };

// Plain decimal notation only: no exponent, no leading '+', no bare '.5' or '5.', no spaces.
const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Longest decimal string accepted, so untrusted input cannot make bigint arithmetic arbitrarily slow. */
export const MAX_DECIMAL_LENGTH = 100;

/** The decimal written in `text`, or null when `text` is not a plain decimal number. */
export function parseDecimal(text: string): Decimal | null {
  const match = text.length <= MAX_DECIMAL_LENGTH ? DECIMAL_PATTERN.exec(text) : null;
  if (match === null) {
    return null;
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  const magnitude = BigInt(whole + fraction);
  return { unscaled: sign === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/** 10^exponent as a bigint. */
export function powerOfTen(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

/**
 * numerator / denominator rounded to an integer. `half_up` rounds ties away from zero (Java HALF_UP,
 * 四舍五入), `half_even` rounds ties to the even neighbour, `down` truncates towards zero.
 */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  assert(denominator > 0n, 'divideRounded: the denominator must be positive');
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n || mode === 'down') {
    return quotient;
  }
  const step = numerator < 0n ? -1n : 1n;
  const twiceRemainder = 2n * (remainder < 0n ? -remainder : remainder);
  if (twiceRemainder > denominator) {
    return quotient + step;
  }
  if (twiceRemainder < denominator) {
    return quotient;
  }
  return mode === 'half_up' || quotient % 2n !== 0n ? quotient + step : quotient;
}
