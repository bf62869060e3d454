// What the issue form holds and how it becomes the request, kept free of React so it is tested
// directly. The structured invoice and the JSON editor produce the same `DocumentIssueInput`.
import type { JsonValue } from '@tradehub/kernel';
import type { DocumentIssueInput } from '../../api/documents.ts';
import type { DocumentType } from './document-types.ts';
import { completeInvoiceSubject, type InvoiceProblem, type JsonObject } from './invoice.ts';
import { checkPayload, type PayloadCheck } from './json-payload.ts';

export type InvoiceParty = { name?: string; country?: string; address?: string; taxId?: string };

export type InvoiceLine = {
  description?: string;
  hsCode?: string;
  quantity?: string;
  unitCode?: string;
  unitPrice?: string;
};

export type InvoiceFormValues = {
  invoiceDate?: string;
  currency?: string;
  incoterms?: string;
  paymentTerms?: string;
  seller?: InvoiceParty;
  buyer?: InvoiceParty;
  lineItems?: InvoiceLine[];
};

export type IssueFormValues = {
  documentType: DocumentType;
  documentNumber: string;
  /** `YYYY-MM-DD` from a date input; empty for no end of validity. */
  validUntil?: string;
  invoice?: InvoiceFormValues;
  /** The JSON editor's text, for every type but the commercial invoice. */
  payload?: string;
};

/** Units of measure of UN/ECE Recommendation 20 offered on invoice lines. */
export const UNIT_CODES = [
  'H87',
  'C62',
  'SET',
  'PR',
  'DZN',
  'KGM',
  'TNE',
  'MTR',
  'MTK',
  'MTQ',
  'LTR',
] as const;

/** Incoterms® 2020 rules; codes are the same in every language. */
export const INCOTERMS = [
  'EXW',
  'FCA',
  'CPT',
  'CIP',
  'DAP',
  'DPU',
  'DDP',
  'FAS',
  'FOB',
  'CFR',
  'CIF',
] as const;

export const emptyInvoice = (): InvoiceFormValues => ({
  currency: 'CNY',
  seller: {},
  buyer: {},
  lineItems: [{}],
});

const trimmed = (value: string | undefined): string | undefined => {
  const text = value?.trim();
  return text ? text : undefined;
};

// Leaves out what was left empty, so an optional field never reaches the credential as "".
const compact = (entries: [string, JsonValue | undefined][]): JsonObject | undefined => {
  const out: JsonObject = {};
  for (const [key, value] of entries) {
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
};

const partySubject = (party: InvoiceParty | undefined): JsonObject | undefined =>
  compact([
    ['name', trimmed(party?.name)],
    ['country', trimmed(party?.country)],
    ['address', trimmed(party?.address)],
    ['taxId', trimmed(party?.taxId)],
  ]);

/** The invoice subject with computed line amounts and total, or the problems that prevent it. */
export const invoiceSubjectFromForm = (
  values: InvoiceFormValues,
): { subject: JsonObject; problems: InvoiceProblem[] } => {
  const lines = (values.lineItems ?? []).map(
    (line) =>
      compact([
        ['description', trimmed(line.description)],
        ['hsCode', trimmed(line.hsCode)],
        ['quantity', trimmed(line.quantity) ?? ''],
        ['unitCode', trimmed(line.unitCode)],
        ['unitPrice', trimmed(line.unitPrice) ?? ''],
      ]) ?? {},
  );
  const subject =
    compact([
      ['invoiceDate', trimmed(values.invoiceDate)],
      ['currency', trimmed(values.currency) ?? ''],
      ['incoterms', trimmed(values.incoterms)],
      ['paymentTerms', trimmed(values.paymentTerms)],
      ['seller', partySubject(values.seller)],
      ['buyer', partySubject(values.buyer)],
      ['lineItems', lines],
    ]) ?? {};
  return completeInvoiceSubject(subject);
};

/** A date input's `YYYY-MM-DD` as the end of that day in UTC; undefined when empty. */
export const validUntilFromDate = (date: string | undefined): string | undefined => {
  const text = trimmed(date);
  return text ? `${text}T23:59:59.999Z` : undefined;
};

export type IssueBuild =
  | { ok: true; input: DocumentIssueInput }
  | { ok: false; invoiceProblems: InvoiceProblem[]; payload: PayloadCheck | null };

/** The request for the form's values, or why it cannot be sent yet. */
export const buildIssueInput = (values: IssueFormValues): IssueBuild => {
  let subject: JsonObject;
  if (values.documentType === 'CommercialInvoice') {
    const built = invoiceSubjectFromForm(values.invoice ?? {});
    if (built.problems.length > 0) {
      return { ok: false, invoiceProblems: built.problems, payload: null };
    }
    subject = built.subject;
  } else {
    const checked = checkPayload(values.payload ?? '{}');
    if (!checked.ok) {
      return { ok: false, invoiceProblems: [], payload: checked };
    }
    subject = checked.subject;
  }
  const input: DocumentIssueInput = {
    documentType: values.documentType,
    documentNumber: values.documentNumber.trim(),
    subject,
  };
  const validUntil = validUntilFromDate(values.validUntil);
  if (validUntil) {
    input.validUntil = validUntil;
  }
  return { ok: true, input };
};

/**
 * Where a field the server names (`subject.lineItems.0.quantity`, `documentNumber`) sits in the
 * form, as an antd name path (list positions as numbers); null when the form has no such field.
 * Subject fields are on the form only for the structured invoice.
 */
export const formPathOfServerField = (
  field: string,
  documentType: DocumentType,
): (string | number)[] | null => {
  const parts = field.split(/[./]/).filter((part) => part !== '');
  const [head, ...rest] = parts;
  if (head === 'documentNumber' || head === 'validUntil' || head === 'documentType') {
    return rest.length === 0 ? [head] : null;
  }
  if (head !== 'subject' || rest.length === 0) {
    return null;
  }
  if (documentType !== 'CommercialInvoice') {
    return ['payload'];
  }
  return ['invoice', ...rest.map((part) => (/^\d+$/.test(part) ? Number(part) : part))];
};
