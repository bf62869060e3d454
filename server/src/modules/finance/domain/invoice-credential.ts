import {
  isAppError,
  isCountryCode,
  type Money,
  parseMoney,
  validateLei,
  validateUscc,
} from '@tradehub/kernel';
import { canonicalCode, type InvoiceInput, isIsoDate, type PartyIdInput } from './canonical-invoice.ts';

/** The document types a financing request may be made for. */
export const financeableDocumentTypes: ReadonlySet<string> = new Set(['CommercialInvoice']);

export type InvoiceParty = { name: string; country: string; companyId: string | null };

/** What a financing request keeps of the invoice credential it is made for. */
export type CredentialInvoice = {
  credentialId: string;
  number: string;
  issueDate: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  amount: Money;
  /** The buyer's order reference the invoice names, if any: how it is tied to an order on the hub. */
  orderRef: string | null;
};

export type ReadInvoice =
  | { ok: true; invoice: CredentialInvoice }
  | { ok: false; reason: 'not_an_invoice' | 'unreadable'; field?: string };

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

export const partyOf = (value: unknown): InvoiceParty | undefined => {
  const party = record(value);
  const name = text(party?.name);
  const country = text(party?.country)?.toUpperCase();
  if (name === undefined || country === undefined || !isCountryCode(country)) {
    return undefined;
  }
  return { name, country, companyId: text(party?.companyId) ?? null };
};

const moneyOf = (subject: Record<string, unknown>): Money | undefined => {
  // The commercial-invoice kind carries `total`; documents issued free-form carry the flat pair.
  const total = record(subject.total);
  const amount = text(total?.amount) ?? text(subject.totalAmount);
  const currency = text(total?.currency) ?? text(subject.currency);
  if (amount === undefined || currency === undefined) {
    return undefined;
  }
  try {
    const money = parseMoney(amount, currency.toUpperCase());
    return money.amountMinor > 0n ? money : undefined;
  } catch (error) {
    if (isAppError(error)) {
      return undefined;
    }
    throw error;
  }
};

/**
 * Reads the invoice out of a signed credential: number, date, parties and total. The credential
 * is the issuer's signed statement, so what is read here is what a bank can verify offline.
 */
export const readCredentialInvoice = (credential: Record<string, unknown>): ReadInvoice => {
  const subject = record(credential.credentialSubject);
  if (subject === undefined || !financeableDocumentTypes.has(String(subject.type))) {
    return { ok: false, reason: 'not_an_invoice' };
  }
  const credentialId = text(credential.id);
  const number = text(subject.documentNumber);
  if (credentialId === undefined || number === undefined || number.length > 100) {
    return { ok: false, reason: 'unreadable', field: 'documentNumber' };
  }
  const issueDate = text(subject.issueDate) ?? text(credential.validFrom)?.slice(0, 10);
  if (issueDate === undefined || !isIsoDate(issueDate)) {
    return { ok: false, reason: 'unreadable', field: 'issueDate' };
  }
  const seller = partyOf(subject.seller);
  if (seller === undefined) {
    return { ok: false, reason: 'unreadable', field: 'seller' };
  }
  const buyer = partyOf(subject.buyer);
  if (buyer === undefined) {
    return { ok: false, reason: 'unreadable', field: 'buyer' };
  }
  const amount = moneyOf(subject);
  if (amount === undefined) {
    return { ok: false, reason: 'unreadable', field: 'total' };
  }
  const orderRef = text(subject.orderRef) ?? text(subject.buyerReference) ?? null;
  return { ok: true, invoice: { credentialId, number, issueDate, seller, buyer, amount, orderRef } };
};

const MAX_REGISTRATION_LENGTH = 64;

/**
 * A party as the registry identifies it: its USCC or LEI when its company id is one, another
 * registration number of its country otherwise; a party without a company id by its name, so
 * that every request of the same invoice still fingerprints alike.
 */
export const registryParty = (party: InvoiceParty): PartyIdInput => {
  if (party.companyId !== null) {
    const code = canonicalCode(party.companyId);
    if (validateUscc(code).ok) {
      return { scheme: 'uscc', value: code };
    }
    if (validateLei(code).ok) {
      return { scheme: 'lei', value: code };
    }
    return { scheme: 'registration', value: code.slice(0, MAX_REGISTRATION_LENGTH), country: party.country };
  }
  return {
    scheme: 'registration',
    value: canonicalCode(party.name).slice(0, MAX_REGISTRATION_LENGTH),
    country: party.country,
  };
};

/** The invoice as the finance module sends it to the duplicate-financing registry. */
export const registryInvoice = (invoice: {
  number: string;
  issueDate: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  amount: { amount: string; currency: string };
}): InvoiceInput => ({
  seller: registryParty(invoice.seller),
  buyer: registryParty(invoice.buyer),
  invoiceNumber: invoice.number,
  issueDate: invoice.issueDate,
  amount: invoice.amount,
});
