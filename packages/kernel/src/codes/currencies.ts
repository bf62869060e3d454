import { AppError } from '../errors.ts';
import { ISO4217_ROWS } from './iso4217.generated.ts';

/** An ISO 4217 alphabetic code known to the current table; only isCurrencyCode and parseCurrencyCode make one. */
export type CurrencyCode = string & { readonly __currencyCode: true };

/** A current ISO 4217 currency or fund; `minorUnit` is null where ISO defines none (gold, SDR, test code). */
export type Currency = {
  readonly code: CurrencyCode;
  readonly numeric: string;
  readonly minorUnit: number | null;
  readonly name: string;
};

const CURRENCIES: readonly Currency[] = Object.freeze(
  ISO4217_ROWS.map((row) => Object.freeze({ ...row, code: row.code as CurrencyCode })),
);
const BY_CODE: ReadonlyMap<string, Currency> = new Map(
  CURRENCIES.map((currency) => [currency.code, currency]),
);

/** True when `value` is a current ISO 4217 alphabetic code (upper case, e.g. `USD`). */
export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && BY_CODE.has(value);
}

/** The current ISO 4217 currency with this alphabetic code, or undefined. */
export function currencyByCode(code: string): Currency | undefined {
  return BY_CODE.get(code);
}

/** `code` as a CurrencyCode; throws AppError `kernel.unknown_currency` when it is not a current ISO 4217 code. */
export function parseCurrencyCode(code: unknown): CurrencyCode {
  if (!isCurrencyCode(code)) {
    throw new AppError('kernel.unknown_currency', `Unknown ISO 4217 currency code ${JSON.stringify(code)}`, {
      details: { currency: typeof code === 'string' ? code : null },
    });
  }
  return code;
}

/** All current ISO 4217 currencies and funds, sorted by code. */
export function listCurrencies(): readonly Currency[] {
  return CURRENCIES;
}
