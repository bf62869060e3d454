// Decimal strings (amounts, quantities) shown in the reader's locale without ever becoming a float:
// Intl.NumberFormat formats a numeric string digit for digit.

const PLAIN = /^-?\d{1,40}(?:\.\d{1,40})?$/;
const formats = new Map<string, Intl.NumberFormat>();
// The currency select names ~170 currencies per render; one DisplayNames per language serves all.
const currencyNames = new Map<string, Intl.DisplayNames>();

const numberFormat = (locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat => {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formats.set(key, format);
  }
  return format;
};

const asNumeric = (text: string): `${number}` => text as `${number}`;

/** A quantity or price with grouping, every written decimal kept; other text is returned as is. */
export const formatDecimal = (text: string, locale: string): string =>
  PLAIN.test(text) ? numberFormat(locale, { maximumFractionDigits: 20 }).format(asNumeric(text)) : text;

/**
 * An amount with its currency (`US$2,252.50`, `¥1,200`), with at least the currency's decimals and
 * every further one written (unit prices finer than a cent). Unknown currencies print the code.
 */
export const formatAmount = (text: string, currency: string, locale: string): string => {
  if (!PLAIN.test(text)) {
    return currency ? `${text} ${currency}` : text;
  }
  try {
    return numberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 20 }).format(
      asNumeric(text),
    );
  } catch {
    // Intl refuses malformed currency codes: fall back to the number and the code as written.
    return `${formatDecimal(text, locale)} ${currency}`;
  }
};

/** The currency's name in the UI language ("欧元", "Euro"), or the code when Intl has none. */
export const currencyName = (code: string, locale: string): string => {
  try {
    let names = currencyNames.get(locale);
    if (!names) {
      names = new Intl.DisplayNames([locale], { type: 'currency' });
      currencyNames.set(locale, names);
    }
    return names.of(code) ?? code;
  } catch {
    return code;
  }
};
