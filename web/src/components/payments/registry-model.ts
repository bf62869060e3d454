// The invoice form of the duplicate-financing registry: what the browser checks before asking,
// and the request it sends. Identifiers go through the kernel's check-digit validators, the same
// the server runs, so a mistyped USCC or LEI shows while typing.
import type { InvoiceInput, PartyScheme } from '../../api/finance.ts';
import { validateIdentifier } from '../../lib/identifiers.ts';
import { checkAmount } from './ledger-model.ts';

export type PartyValues = { scheme: PartyScheme; value: string; country?: string };

export type InvoiceFormValues = {
  seller: PartyValues;
  buyer: PartyValues;
  invoiceNumber: string;
  issueDate: string;
  amount: string;
  currency: string;
};

/**
 * The field error of a party identifier: a kernel code (`kernel.invalid_check_digit`, …) that the
 * shared `fieldErrors` translations cover, or null when it is valid.
 */
export const partyProblem = (
  scheme: PartyScheme,
  value: string,
): { code: string; message: string } | null => {
  const text = value.trim();
  if (text === '') {
    return { code: 'kernel.required', message: 'Required' };
  }
  if (scheme === 'registration') {
    return null;
  }
  const result = validateIdentifier(scheme, text);
  return result.ok ? null : { code: result.code, message: result.message };
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (what the registry fingerprints). */
export const isIsoDate = (text: string): boolean => {
  const match = ISO_DATE.exec(text.trim());
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const party = (values: PartyValues): InvoiceInput['seller'] => {
  const value = values.value.trim();
  if (values.scheme === 'registration') {
    return { scheme: 'registration', value, country: (values.country ?? '').trim().toUpperCase() };
  }
  const result = validateIdentifier(values.scheme, value);
  // The normalised form (upper case, no spaces) when valid; the server names the field otherwise.
  return { scheme: values.scheme, value: result.ok ? result.value : value };
};

/** The invoice as the registry's API takes it. */
export const invoiceOf = (values: InvoiceFormValues): InvoiceInput => ({
  seller: party(values.seller),
  buyer: party(values.buyer),
  invoiceNumber: values.invoiceNumber.trim(),
  issueDate: values.issueDate.trim(),
  amount: { amount: values.amount.trim(), currency: values.currency },
});

/** Whether the form can be sent as it is (the server still has the last word). */
export const invoiceFormComplete = (values: InvoiceFormValues): boolean =>
  partyProblem(values.seller.scheme, values.seller.value) === null &&
  partyProblem(values.buyer.scheme, values.buyer.value) === null &&
  values.invoiceNumber.trim() !== '' &&
  isIsoDate(values.issueDate) &&
  checkAmount(values.amount, values.currency) === null;

/**
 * The form field a server field error belongs to: the API names invoice fields with or without
 * the `invoice.` prefix (`invoice.seller.value`, `amount.amount`).
 */
export const formFieldOf = (serverField: string): string | null => {
  const field = serverField.replace(/^invoice\./, '');
  const known: Record<string, string> = {
    'seller.value': 'seller.value',
    'seller.country': 'seller.country',
    'seller.scheme': 'seller.scheme',
    'buyer.value': 'buyer.value',
    'buyer.country': 'buyer.country',
    'buyer.scheme': 'buyer.scheme',
    buyer: 'buyer.value',
    invoiceNumber: 'invoiceNumber',
    issueDate: 'issueDate',
    'amount.amount': 'amount',
    'amount.currency': 'currency',
    amount: 'amount',
    'financedAmount.amount': 'financedAmount',
    'financedAmount.currency': 'financedAmount',
    financedAmount: 'financedAmount',
    expiresAt: 'expiresAt',
    reference: 'reference',
  };
  return known[field] ?? null;
};
