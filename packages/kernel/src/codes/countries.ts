import { AppError } from '../errors.ts';
import type { CurrencyCode } from './currencies.ts';
import { ISO3166_ROWS } from './iso3166.generated.ts';

/** An ISO 3166-1 alpha-2 code of the table; only isCountryCode and parseCountryCode make one. */
export type CountryCode = string & { readonly __countryCode: true };

/** An ISO 3166-1 country or territory with its English (CLDR) and Chinese (UNTERM) short names. */
export type Country = {
  readonly alpha2: CountryCode;
  readonly alpha3: string;
  /** Three digits with leading zeros, e.g. `004`. */
  readonly numeric: string;
  readonly nameEn: string;
  readonly nameZh: string;
  /** The primary currency; null where ISO 4217 lists no universal currency (e.g. Antarctica). */
  readonly currency: CurrencyCode | null;
};

const COUNTRIES: readonly Country[] = Object.freeze(
  ISO3166_ROWS.map((row) =>
    Object.freeze({
      ...row,
      alpha2: row.alpha2 as CountryCode,
      currency: row.currency as CurrencyCode | null,
    }),
  ),
);
const BY_ALPHA2: ReadonlyMap<string, Country> = new Map(
  COUNTRIES.map((country) => [country.alpha2, country]),
);
const BY_ALPHA3: ReadonlyMap<string, Country> = new Map(
  COUNTRIES.map((country) => [country.alpha3, country]),
);

/** True when `value` is an ISO 3166-1 alpha-2 code of the table (upper case, e.g. `CN`, `NA`). */
export function isCountryCode(value: unknown): value is CountryCode {
  return typeof value === 'string' && BY_ALPHA2.has(value);
}

/** `code` as a CountryCode; throws AppError `kernel.unknown_country` when it is not an ISO 3166-1 alpha-2 code. */
export function parseCountryCode(code: unknown): CountryCode {
  if (!isCountryCode(code)) {
    throw new AppError('kernel.unknown_country', `Unknown ISO 3166-1 alpha-2 code ${JSON.stringify(code)}`, {
      details: { country: typeof code === 'string' ? code : null },
    });
  }
  return code;
}

/** The country with this alpha-2 code, or undefined. */
export function countryByAlpha2(code: string): Country | undefined {
  return BY_ALPHA2.get(code);
}

/** The country with this alpha-3 code, or undefined. */
export function countryByAlpha3(code: string): Country | undefined {
  return BY_ALPHA3.get(code);
}

/** All ISO 3166-1 countries and territories, sorted by alpha-2 code. */
export function listCountries(): readonly Country[] {
  return COUNTRIES;
}
