// Exact comparison of the schema's N19,5 decimal strings. The kernel has the same parser
// (packages/kernel/src/decimal.ts) but does not export it from its index, and other modules may
// only import the kernel's public entry; once it is exported these helpers can delegate to it.

/** A decimal as `unscaled / 10^scale`: 427.310 is { unscaled: 427310n, scale: 3 }. */
export type CebDecimal = { unscaled: bigint; scale: number };

// Plain decimal notation only, as the XSD's xs:decimal lexical space without a leading '+'.
const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;
// N19,5 has 19 digits; a little headroom keeps bigint work bounded on untrusted input.
const MAX_DECIMAL_LENGTH = 40;

/** The decimal written in `text`, or null when it is not a plain decimal number. */
export function parseCebDecimal(text: string | undefined): CebDecimal | null {
  if (text === undefined || text.length > MAX_DECIMAL_LENGTH) {
    return null;
  }
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (match === null) {
    return null;
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  const magnitude = BigInt(whole + fraction);
  return { unscaled: sign === '-' ? -magnitude : magnitude, scale: fraction.length };
}

function rescale(value: CebDecimal, scale: number): bigint {
  return value.unscaled * 10n ** BigInt(scale - value.scale);
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`, by value (`427.31` equals `427.310`). */
export function compareDecimal(a: CebDecimal, b: CebDecimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const left = rescale(a, scale);
  const right = rescale(b, scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** a + b, exactly. */
export function addDecimal(a: CebDecimal, b: CebDecimal): CebDecimal {
  const scale = Math.max(a.scale, b.scale);
  return { unscaled: rescale(a, scale) + rescale(b, scale), scale };
}

/** a − b, exactly. */
export function subtractDecimal(a: CebDecimal, b: CebDecimal): CebDecimal {
  return addDecimal(a, { unscaled: -b.unscaled, scale: b.scale });
}

/** a × b, exactly. */
export function multiplyDecimal(a: CebDecimal, b: CebDecimal): CebDecimal {
  return { unscaled: a.unscaled * b.unscaled, scale: a.scale + b.scale };
}

/** |a|. */
export function absDecimal(a: CebDecimal): CebDecimal {
  return a.unscaled < 0n ? { unscaled: -a.unscaled, scale: a.scale } : a;
}

/** The decimal as plain text without trailing zeros (`427.3`, `0`, `-0.5`), for messages. */
export function formatDecimal(value: CebDecimal): string {
  const negative = value.unscaled < 0n;
  const digits = (negative ? -value.unscaled : value.unscaled).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

/** True when both texts are decimals of equal value; false when they differ or either is not a decimal. */
export function sameDecimal(a: string | undefined, b: string | undefined): boolean {
  const left = parseCebDecimal(a);
  const right = parseCebDecimal(b);
  return left !== null && right !== null && compareDecimal(left, right) === 0;
}
