import { type CurrencyCode, currencyByCode, parseCurrencyCode } from './codes/currencies.ts';
import { divideRounded, MAX_DECIMAL_LENGTH, parseDecimal, powerOfTen, type RoundingMode } from './decimal.ts';
import { AppError } from './errors.ts';

export type { RoundingMode } from './decimal.ts';

/** An exact amount of money: an integer number of minor units (cents, fen) of an ISO 4217 currency. */
export type Money = { readonly amountMinor: bigint; readonly currency: CurrencyCode };

/** The JSON form of Money: the amount as a decimal string, never a JSON number. */
export type MoneyJson = { amount: string; currency: string };

/** The rounding used when a rule names none: half-up, ties away from zero (四舍五入). */
export const DEFAULT_ROUNDING: RoundingMode = 'half_up';

function invalidMoney(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('kernel.invalid_money', message, { details });
}

// The currency as a CurrencyCode together with its minor unit, refusing codes that have none.
function moneyCurrency(currency: string): { code: CurrencyCode; minorUnit: number } {
  const code = parseCurrencyCode(currency);
  const minorUnit = currencyByCode(code)?.minorUnit ?? null;
  if (minorUnit === null) {
    throw new AppError('kernel.unsupported_currency', `${code} has no minor unit, so it cannot be Money`, {
      details: { currency: code },
    });
  }
  return { code, minorUnit };
}

/**
 * Decimal places of the currency's minor unit (JPY 0, USD 2, KWD 3, CLF 4). Throws AppError
 * `kernel.unknown_currency`, or `kernel.unsupported_currency` for codes without one (XAU, XDR).
 */
export function minorUnitOf(currency: string): number {
  return moneyCurrency(currency).minorUnit;
}

/** Money of `amountMinor` minor units; throws for an unknown currency or a non-bigint amount. */
export function money(currency: string, amountMinor: bigint): Money {
  if (typeof amountMinor !== 'bigint') {
    throw invalidMoney(`amountMinor must be a bigint, got ${typeof amountMinor}`);
  }
  return Object.freeze({ amountMinor, currency: moneyCurrency(currency).code });
}

/**
 * Money from a decimal string such as `'12.34'` or `'-0.5'`. Numbers are refused because binary
 * floating point cannot hold most decimal amounts. More decimals than the currency has are refused
 * (AppError `kernel.too_many_decimals`) unless a rounding mode is given.
 */
export function parseMoney(amount: string, currency: string, rounding?: RoundingMode): Money {
  if (typeof amount !== 'string') {
    throw invalidMoney(`Money amounts must be decimal strings such as '12.34', got ${typeof amount}`);
  }
  const minorUnit = minorUnitOf(currency);
  const decimal = parseDecimal(amount);
  if (decimal === null) {
    throw invalidMoney(
      `${JSON.stringify(amount.slice(0, 40))} is not a plain decimal such as '12.34' (at most ${MAX_DECIMAL_LENGTH} characters)`,
    );
  }
  if (decimal.scale <= minorUnit) {
    return money(currency, decimal.unscaled * powerOfTen(minorUnit - decimal.scale));
  }
  if (rounding === undefined) {
    throw new AppError('kernel.too_many_decimals', `${currency} amounts have at most ${minorUnit} decimals`, {
      details: { currency, minorUnit, amount },
    });
  }
  return money(currency, divideRounded(decimal.unscaled, powerOfTen(decimal.scale - minorUnit), rounding));
}

/** The canonical decimal string of the amount, with exactly the currency's decimals (`'12.30'`, `'-0.05'`). */
export function formatMoneyAmount(m: Money): string {
  const minorUnit = minorUnitOf(m.currency);
  const negative = m.amountMinor < 0n;
  const digits = (negative ? -m.amountMinor : m.amountMinor).toString().padStart(minorUnit + 1, '0');
  const whole = digits.slice(0, digits.length - minorUnit);
  const fraction = minorUnit > 0 ? `.${digits.slice(digits.length - minorUnit)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new AppError('kernel.currency_mismatch', `Cannot combine ${a.currency} with ${b.currency}`, {
      details: { left: a.currency, right: b.currency },
    });
  }
}

/** a + b; throws AppError `kernel.currency_mismatch` for different currencies. */
export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.currency, a.amountMinor + b.amountMinor);
}

/** a - b; throws AppError `kernel.currency_mismatch` for different currencies. */
export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.currency, a.amountMinor - b.amountMinor);
}

/** m × factor, where factor is a decimal string (`'1.13'`), rounded to a minor unit with a named mode. */
export function multiplyMoney(m: Money, factor: string, rounding: RoundingMode = DEFAULT_ROUNDING): Money {
  const decimal = typeof factor === 'string' ? parseDecimal(factor) : null;
  if (decimal === null) {
    throw invalidMoney(
      `A factor must be a plain decimal string such as '1.13', got ${JSON.stringify(factor)}`,
    );
  }
  return money(
    m.currency,
    divideRounded(m.amountMinor * decimal.unscaled, powerOfTen(decimal.scale), rounding),
  );
}

function validateRatios(ratios: readonly bigint[]): bigint {
  if (ratios.length === 0 || ratios.some((ratio) => typeof ratio !== 'bigint' || ratio < 0n)) {
    throw new AppError(
      'kernel.invalid_allocation',
      'Allocation ratios must be one or more non-negative bigints',
    );
  }
  const total = ratios.reduce((sum, ratio) => sum + ratio, 0n);
  if (total === 0n) {
    throw new AppError('kernel.invalid_allocation', 'Allocation ratios must not all be zero');
  }
  return total;
}

/**
 * Splits m in proportion to `ratios` by the largest-remainder method: the parts always add up to m,
 * each part is within one minor unit of its exact share, ties go to the earlier part, and a zero
 * ratio gets nothing. A negative m is split like its absolute value, then negated.
 */
export function allocateMoney(m: Money, ratios: readonly bigint[]): Money[] {
  const total = validateRatios(ratios);
  const sign = m.amountMinor < 0n ? -1n : 1n;
  const amount = m.amountMinor * sign;
  const shares = ratios.map((ratio) => (amount * ratio) / total);
  const remainders = ratios.map((ratio, index) => ({ index, remainder: (amount * ratio) % total }));
  let leftover = amount - shares.reduce((sum, share) => sum + share, 0n);
  remainders.sort((x, y) =>
    x.remainder === y.remainder ? x.index - y.index : x.remainder > y.remainder ? -1 : 1,
  );
  for (const { index } of remainders) {
    if (leftover === 0n) {
      break;
    }
    shares[index] = (shares[index] as bigint) + 1n;
    leftover -= 1n;
  }
  return shares.map((share) => money(m.currency, share * sign));
}

/** -1, 0 or 1 as a is less than, equal to or greater than b; throws for different currencies. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

/** True when the amount is zero. */
export function isZero(m: Money): boolean {
  return m.amountMinor === 0n;
}

/** The same amount with the opposite sign. */
export function negate(m: Money): Money {
  return money(m.currency, -m.amountMinor);
}

/** The JSON form `{ amount: '12.34', currency: 'USD' }`. */
export function moneyToJson(m: Money): MoneyJson {
  return { amount: formatMoneyAmount(m), currency: m.currency };
}

/** Money from its JSON form; throws AppError `kernel.invalid_money` (or a more specific code) when malformed. */
export function moneyFromJson(json: unknown): Money {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalidMoney('Money JSON must be an object { amount: string, currency: string }');
  }
  const { amount, currency } = json as Record<string, unknown>;
  if (typeof amount !== 'string' || typeof currency !== 'string') {
    throw invalidMoney('Money JSON must have a string amount and a string currency');
  }
  return parseMoney(amount, currency);
}
