// Exact decimal helpers for export amounts: the matching module's N19,5 helpers, re-exported so the
// export rules read the same way, plus sums over lines.
import {
  addDecimal,
  type CebDecimal,
  compareDecimal,
  formatDecimal,
  multiplyDecimal,
  parseCebDecimal,
} from '../matching/decimal.ts';

export { addDecimal, type CebDecimal, compareDecimal, formatDecimal, multiplyDecimal, parseCebDecimal };

export const ZERO: CebDecimal = { unscaled: 0n, scale: 0 };

/** The sum of the decimals in `texts`, or null when any is not a decimal. */
export const sumDecimals = (texts: readonly (string | undefined)[]): CebDecimal | null => {
  let total = ZERO;
  for (const text of texts) {
    const value = parseCebDecimal(text);
    if (value === null) {
      return null;
    }
    total = addDecimal(total, value);
  }
  return total;
};

/** A decimal as text with exactly `digits` fraction digits, truncating nothing (it rescales up only). */
export const fixed = (value: CebDecimal, digits: number): string => {
  const scale = Math.max(value.scale, digits);
  const unscaled = value.unscaled * 10n ** BigInt(scale - value.scale);
  const negative = unscaled < 0n;
  const text = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const fraction = text.slice(text.length - scale);
  return `${negative ? '-' : ''}${whole}${scale === 0 ? '' : `.${fraction}`}`;
};
