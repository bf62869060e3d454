import {
  AppError,
  type FieldError,
  isAppError,
  isCountryCode,
  isCurrencyCode,
  type Money,
  parseMoney,
  validateLei,
  validateUscc,
} from '@tradehub/kernel';

/**
 * How an invoice party is identified: its Chinese Unified Social Credit Code, its LEI, or another
 * registration number, which is only unique within the country that issued it.
 */
export type PartyIdInput = {
  scheme: 'uscc' | 'lei' | 'registration';
  value: string;
  /** ISO 3166-1 alpha-2; required for `registration`, ignored otherwise. */
  country?: string | undefined;
};

/** The invoice fields a financier sends to the registry, as it read them from the document. */
export type InvoiceInput = {
  seller: PartyIdInput;
  buyer: PartyIdInput;
  invoiceNumber: string;
  /** YYYY-MM-DD */
  issueDate: string;
  /** The invoice's face value: a decimal string in the currency's minor units at most. */
  amount: { amount: string; currency: string };
};

/** One spelling of every field, so that every way of writing the same invoice fingerprints alike. */
export type CanonicalInvoice = {
  seller: string;
  buyer: string;
  /** NFKC, upper-case, without spaces and separators; leading zeros kept. */
  number: string;
  /**
   * `number` with the leading zeros of its runs of digits removed (INV-0012 and INV-12 alike). The
   * runs are those of `number`, after the separators are gone, so that every spelling of a number
   * still gives one value: INV-2026-000123 stays INV2026000123.
   */
  numberUnpadded: string;
  issueDate: string;
  amount: Money;
};

// Spaces, punctuation (dashes, slashes, dots, #, full stops of any script), symbols and invisible
// format characters: the separators people and ERPs insert into the same number differently.
const SEPARATORS = /[\p{White_Space}\p{P}\p{S}\p{Cc}\p{Cf}]/gu;

/** The comparable form of a free-text code such as an invoice or registration number. */
export const canonicalCode = (text: string): string =>
  text.normalize('NFKC').toUpperCase().normalize('NFKC').replaceAll(SEPARATORS, '');

/** Drops the leading zeros of every run of digits, keeping at least one digit of each run. */
export const unpaddedCode = (code: string): string => code.replaceAll(/(^|\D)0+(?=\d)/g, '$1');

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export const isIsoDate = (text: string): boolean => {
  const match = DATE_PATTERN.exec(text);
  if (match === null) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const MAX_CODE_LENGTH = 64;

const canonicalParty = (field: string, party: PartyIdInput, errors: FieldError[]): string => {
  if (party.scheme === 'uscc' || party.scheme === 'lei') {
    // Spaces and full-width characters are how the codes get typed and pasted, not part of them.
    const code = canonicalCode(party.value);
    const result = party.scheme === 'uscc' ? validateUscc(code) : validateLei(code);
    if (!result.ok) {
      errors.push({ field: `${field}.value`, code: result.code, message: result.message });
      return '';
    }
    return `${party.scheme.toUpperCase()}:${result.value}`;
  }
  const country = (party.country ?? '').trim().toUpperCase();
  if (!isCountryCode(country)) {
    errors.push({
      field: `${field}.country`,
      code: country === '' ? 'kernel.required' : 'kernel.unknown_code',
      message: 'A registration number needs the ISO 3166-1 alpha-2 code of the country that issued it',
    });
  }
  const value = canonicalCode(party.value);
  if (value === '' || value.length > MAX_CODE_LENGTH) {
    errors.push({
      field: `${field}.value`,
      code: value === '' ? 'kernel.required' : 'kernel.too_long',
      message: `A registration number has 1 to ${MAX_CODE_LENGTH} letters or digits`,
    });
  }
  return `REG:${country}:${value}`;
};

const amountOf = (input: InvoiceInput['amount'], errors: FieldError[]): Money | undefined => {
  const currency = input.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency)) {
    errors.push({ field: 'amount.currency', code: 'kernel.unknown_code', message: 'Unknown ISO 4217 code' });
    return undefined;
  }
  try {
    const amount = parseMoney(input.amount.trim(), currency);
    if (amount.amountMinor <= 0n) {
      errors.push({
        field: 'amount.amount',
        code: 'finance.amount_not_positive',
        message: 'The amount must be more than zero',
      });
      return undefined;
    }
    return amount;
  } catch (error) {
    // Not a plain decimal, too many decimals for the currency, or a currency without minor unit.
    if (isAppError(error)) {
      errors.push({ field: 'amount.amount', code: 'kernel.invalid_format', message: error.message });
      return undefined;
    }
    throw error;
  }
};

/**
 * The one spelling of an invoice the fingerprints are computed from. Throws AppError
 * `http.validation_failed` with a field error for every field that cannot be read, each field
 * named after `fieldPrefix` (where the invoice sits in a request body).
 */
export const canonicaliseInvoice = (input: InvoiceInput, fieldPrefix = ''): CanonicalInvoice => {
  const errors: FieldError[] = [];
  const seller = canonicalParty('seller', input.seller, errors);
  const buyer = canonicalParty('buyer', input.buyer, errors);
  const number = canonicalCode(input.invoiceNumber);
  if (number === '' || number.length > MAX_CODE_LENGTH) {
    errors.push({
      field: 'invoiceNumber',
      code: number === '' ? 'kernel.required' : 'kernel.too_long',
      message: `An invoice number has 1 to ${MAX_CODE_LENGTH} letters or digits besides separators`,
    });
  }
  const issueDate = input.issueDate.trim();
  if (!isIsoDate(issueDate)) {
    errors.push({
      field: 'issueDate',
      code: 'kernel.invalid_format',
      message: 'A date is written YYYY-MM-DD',
    });
  }
  const amount = amountOf(input.amount, errors);
  if (errors.length === 0 && seller === buyer) {
    errors.push({
      field: 'buyer',
      code: 'finance.same_party',
      message: 'The seller and the buyer of an invoice are two parties',
    });
  }
  if (errors.length > 0 || amount === undefined) {
    throw new AppError('http.validation_failed', 'The invoice has fields the registry cannot read.', {
      fieldErrors: errors.map((error) => ({ ...error, field: `${fieldPrefix}${error.field}` })),
    });
  }
  return { seller, buyer, number, numberUnpadded: unpaddedCode(number), issueDate, amount };
};
