import { type FieldError, isCountryCode, isCurrencyCode, parseMoney } from '@tradehub/kernel';
import { findEbops } from './ebops.ts';

// Pure checks of catalogue input that the Zod schemas cannot express (code lists, cross-field
// rules). Each returns field errors so a form can show every problem at once.

export const catalogueStatuses = ['draft', 'published', 'withdrawn'] as const;
export type CatalogueStatus = (typeof catalogueStatuses)[number];

export const gatsModes = ['mode1', 'mode2', 'mode3', 'mode4'] as const;
export type GatsMode = (typeof gatsModes)[number];

export const eventKinds = ['annual_expo', 'online_week'] as const;

/** Certification schemes the web offers; others matching the column's pattern are accepted too. */
export const knownCertificationSchemes = [
  'CE',
  'RoHS',
  'FCC',
  'CCC',
  'UKCA',
  'UL',
  'REACH',
  'ISO 9001',
  'ISO 14001',
  'GS',
  'SAA',
  'ERP',
] as const;
export const certificationSchemePattern = /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/;

const fieldError = (field: string, code: string, message: string): FieldError => ({ field, code, message });

/** Countries as ISO 3166-1 alpha-2, each reported at its index. */
export const countryProblems = (field: string, codes: readonly string[]): FieldError[] =>
  codes.flatMap((code, index) =>
    isCountryCode(code)
      ? []
      : [
          fieldError(
            `${field}.${index}`,
            'expo.unknown_country',
            `${code} is not an ISO 3166-1 alpha-2 country`,
          ),
        ],
  );

export type PriceInput = { currency: string; min: string; max: string };

/**
 * A unit price range as minor units of one currency: decimals as strings so no float ever holds
 * money; the currency's own number of decimals; min not above max.
 */
export const parsePriceRange = (
  price: PriceInput,
):
  | { ok: true; currency: string; minMinor: bigint; maxMinor: bigint }
  | { ok: false; errors: FieldError[] } => {
  if (!isCurrencyCode(price.currency)) {
    return {
      ok: false,
      errors: [
        fieldError(
          'price.currency',
          'expo.unknown_currency',
          `${price.currency} is not an ISO 4217 currency`,
        ),
      ],
    };
  }
  const errors: FieldError[] = [];
  const parse = (field: 'min' | 'max') => {
    try {
      return parseMoney(price[field], price.currency).amountMinor;
    } catch {
      errors.push(
        fieldError(
          `price.${field}`,
          'expo.invalid_amount',
          `A plain decimal with at most the decimals ${price.currency} has`,
        ),
      );
      return undefined;
    }
  };
  const minMinor = parse('min');
  const maxMinor = parse('max');
  if (minMinor === undefined || maxMinor === undefined) {
    return { ok: false, errors };
  }
  if (minMinor < 0n || maxMinor < 0n) {
    return { ok: false, errors: [fieldError('price.min', 'expo.invalid_amount', 'Prices are not negative')] };
  }
  if (minMinor > maxMinor) {
    return {
      ok: false,
      errors: [fieldError('price.min', 'expo.price_min_above_max', 'The lowest price is above the highest')],
    };
  }
  return { ok: true, currency: price.currency, minMinor, maxMinor };
};

const MOQ_SHAPE = /^(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,3})?$/;

/** A minimum order quantity: a positive decimal with at most three decimals (numeric(18,3)). */
export const moqProblems = (moq: string): FieldError[] => {
  if (!MOQ_SHAPE.test(moq)) {
    return [fieldError('moq', 'expo.invalid_quantity', 'A decimal such as 500 or 12.5 (at most 3 decimals)')];
  }
  if (!/[1-9]/.test(moq)) {
    return [fieldError('moq', 'expo.invalid_quantity', 'The minimum order quantity is above zero')];
  }
  return [];
};

/**
 * BCP 47 language tags, checked with Intl (which knows the registry's grammar); the canonical
 * spelling is stored (zh-cn → zh-CN).
 */
export const canonicalLanguage = (tag: string): string | undefined => {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical;
  } catch {
    return undefined;
  }
};

export const languageProblems = (tags: readonly string[]): FieldError[] =>
  tags.flatMap((tag, index) =>
    canonicalLanguage(tag) === undefined
      ? [fieldError(`languages.${index}`, 'expo.invalid_language', `${tag} is not a BCP 47 language tag`)]
      : [],
  );

export const ebopsProblems = (code: string): FieldError[] =>
  findEbops(code) === undefined
    ? [fieldError('ebopsCode', 'expo.unknown_ebops_code', `${code} is not an EBOPS 2010 item`)]
    : [];

/** An IANA time zone Intl knows (what the viewer's browser will convert with). */
export const isTimeZone = (zone: string): boolean => {
  if (zone.length === 0 || zone.length > 64) {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** Status moves of a showcase, product or service: publish from draft or withdrawn, withdraw from published. */
export const nextStatus = (
  from: CatalogueStatus,
  action: 'publish' | 'withdraw',
): CatalogueStatus | undefined => {
  if (action === 'publish') {
    return from === 'published' ? undefined : 'published';
  }
  return from === 'published' ? 'withdrawn' : undefined;
};

/** The verification a certification shows, from its credential's state at `now`. */
export const certificationVerification = (
  credential: { valid: boolean; expiresAt?: string | undefined } | undefined,
  hasCredential: boolean,
  now: Date,
): 'self_declared' | 'verified' | 'revoked' | 'expired' => {
  if (!hasCredential) {
    return 'self_declared';
  }
  if (credential === undefined) {
    // A credential id the exhibitor no longer holds proves nothing.
    return 'revoked';
  }
  if (credential.expiresAt !== undefined && Date.parse(credential.expiresAt) <= now.getTime()) {
    return 'expired';
  }
  return credential.valid ? 'verified' : 'revoked';
};
