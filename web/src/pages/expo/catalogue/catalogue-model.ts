import type { PriceRange, Verification } from '../../../api/expo-catalogue.ts';

// Pure helpers of the expo catalogue pages: bilingual picking, money and times across zones.

/** The text in the UI language, falling back to the other one when it is empty. */
export const pick = (
  language: string,
  zh: string | null | undefined,
  en: string | null | undefined,
): string => {
  const first = language.startsWith('zh') ? zh : en;
  const second = language.startsWith('zh') ? en : zh;
  return first !== null && first !== undefined && first.trim() !== '' ? first : (second ?? '');
};

/** A decimal string grouped by the locale, digits kept exactly (never through a float). */
export const decimalText = (amount: string, locale: string): string => {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = new Intl.NumberFormat(locale, { useGrouping: true }).format(
    BigInt(whole === '' ? '0' : whole),
  );
  const decimalSeparator =
    new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `${decimalSeparator}${fraction}`}`;
};

/** "USD 8.50 – 11.00", or one amount when min and max are equal. */
export const priceText = (price: PriceRange, locale: string): string =>
  price.min === price.max
    ? `${price.currency} ${decimalText(price.min, locale)}`
    : `${price.currency} ${decimalText(price.min, locale)} – ${decimalText(price.max, locale)}`;

export const VERIFICATION_COLOUR: Record<Verification, string> = {
  verified: 'green',
  self_declared: 'default',
  revoked: 'red',
  expired: 'orange',
};

/** A time in a given IANA zone (the event's, or the viewer's when zone is undefined). */
export const timeInZone = (iso: string, locale: string, timeZone?: string): string =>
  new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(new Date(iso));

/** The viewer's own IANA time zone. */
export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Product input fields from the form's values: decimals stay strings. */
export const splitList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(/[\s,，]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
