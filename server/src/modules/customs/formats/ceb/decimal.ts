// Exact decimal helpers for CEB amounts. The kernel's parseDecimal is not exported from
// @tradehub/kernel's public entry, so this module keeps its own small equivalent on bigint.

/** A decimal as unscaled / 10^scale. */
export type CebDecimal = { unscaled: bigint; scale: number };

// xs:decimal lexical space: optional sign, digits with an optional fraction; no exponent.
const XSD_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** The value of an xs:decimal literal (leading/trailing whitespace already removed), or null. */
export const parseCebDecimal = (text: string): CebDecimal | null => {
  const match = text.length <= 200 ? XSD_DECIMAL.exec(text) : null;
  if (match === null) {
    return null;
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') {
    return null;
  }
  const magnitude = BigInt(`${whole}${fraction}` || '0');
  return { unscaled: sign === '-' ? -magnitude : magnitude, scale: fraction.length };
};

/** Significant digits of the value (XSD totalDigits) and digits after the point (fractionDigits), trailing zeros ignored. */
export const decimalDigits = (value: CebDecimal): { total: number; fraction: number } => {
  let { unscaled, scale } = value;
  while (scale > 0 && unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale -= 1;
  }
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString();
  return { total: Math.max(digits.length, scale), fraction: scale };
};

const scaleTo = (value: CebDecimal, scale: number): bigint =>
  value.unscaled * 10n ** BigInt(scale - value.scale);

/** a == b as numbers (1.50 equals 1.5). */
export const decimalEquals = (a: CebDecimal, b: CebDecimal): boolean => {
  const scale = Math.max(a.scale, b.scale);
  return scaleTo(a, scale) === scaleTo(b, scale);
};

export const addDecimals = (a: CebDecimal, b: CebDecimal): CebDecimal => {
  const scale = Math.max(a.scale, b.scale);
  return { unscaled: scaleTo(a, scale) + scaleTo(b, scale), scale };
};

export const negateDecimal = (a: CebDecimal): CebDecimal => ({ unscaled: -a.unscaled, scale: a.scale });

export const multiplyDecimals = (a: CebDecimal, b: CebDecimal): CebDecimal => ({
  unscaled: a.unscaled * b.unscaled,
  scale: a.scale + b.scale,
});

/** Plain notation (no exponent), trailing fraction zeros removed: { 15000n, 3 } is "15". */
export const formatCebDecimal = (value: CebDecimal): string => {
  let { unscaled, scale } = value;
  while (scale > 0 && unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale -= 1;
  }
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
};

// Input to the builder may use an exponent (e.g. from a spreadsheet export); it is written out in full.
const EXPONENT_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d{1,3})$/;

/** Reads a decimal written plainly or with an exponent ("1.5E3"), or null. */
export const parseDecimalInput = (text: string): CebDecimal | null => {
  const plain = parseCebDecimal(text);
  if (plain !== null) {
    return plain;
  }
  const match = EXPONENT_DECIMAL.exec(text);
  if (match === null) {
    return null;
  }
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const base = parseCebDecimal(`${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`);
  if (base === null) {
    return null;
  }
  const exponent = Number(exponentText);
  return exponent >= 0
    ? { unscaled: base.unscaled * 10n ** BigInt(exponent), scale: base.scale }
    : { unscaled: base.unscaled, scale: base.scale - exponent };
};
