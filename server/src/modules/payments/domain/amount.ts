import { AppError, formatMoneyAmount, isCurrencyCode, minorUnitOf, money } from '@tradehub/kernel';

/** The most a ledger column (bigint) holds. */
export const MAX_AMOUNT_MINOR = 9_223_372_036_854_775_807n;

const DECIMAL = /^(\d{1,19})(?:\.(\d{1,19}))?$/;

const refused = (code: string, field: string, message: string) =>
  new AppError(code, message, { fieldErrors: [{ field, code, message }] });

/** The currency code, or a 400 `payments.unknown_currency` naming `field`. */
export const parseCurrency = (currency: string, field = 'currency'): string => {
  if (!isCurrencyCode(currency)) {
    throw refused(
      'payments.unknown_currency',
      field,
      `${currency.slice(0, 10)} is not an ISO 4217 currency.`,
    );
  }
  return currency;
};

/**
 * A positive amount such as `'12.30'` in the currency's minor units. Signs, exponents, more
 * decimals than the currency has and zero are refused with their own codes: the ledger never
 * rounds what a client asked to move.
 */
export const parseAmountMinor = (amount: string, currency: string, field = 'amount'): bigint => {
  parseCurrency(currency);
  const trimmed = amount.trim();
  if (trimmed.startsWith('-')) {
    throw refused('payments.amount_not_positive', field, 'Amounts are positive; reverse a transfer instead.');
  }
  const match = DECIMAL.exec(trimmed);
  if (match === null) {
    throw refused('payments.invalid_amount', field, 'Send the amount as a decimal string such as "12.30".');
  }
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  const minorUnit = minorUnitOf(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > minorUnit) {
    throw refused(
      'payments.too_many_decimals',
      field,
      `${currency} amounts have at most ${minorUnit} decimals.`,
    );
  }
  const minor = BigInt(whole) * 10n ** BigInt(minorUnit) + BigInt(significant.padEnd(minorUnit, '0') || '0');
  if (minor === 0n) {
    throw refused('payments.amount_not_positive', field, 'A transfer moves a positive amount.');
  }
  if (minor > MAX_AMOUNT_MINOR) {
    throw refused('payments.invalid_amount', field, 'The amount is larger than the ledger holds.');
  }
  return minor;
};

/** The decimal string of `amountMinor` with exactly the currency's decimals; negative allowed. */
export const formatAmount = (amountMinor: bigint, currency: string): string =>
  formatMoneyAmount(money(currency, amountMinor));
