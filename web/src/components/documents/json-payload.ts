// The JSON editor used for document types without a structured form. It catches locally what the
// server would refuse, so the person editing sees the line to fix instead of a failed request.
import { canonicalizeToBytes, type JsonValue } from '@tradehub/kernel';
import { type DocumentType, RESERVED_SUBJECT_KEYS, SUBJECT_MAX_BYTES } from './document-types.ts';
import type { JsonObject } from './invoice.ts';

/** i18n keys under `documents.json` for why a payload cannot be sent. */
export type PayloadProblemCode = 'syntax' | 'notObject' | 'reserved' | 'nonIntegerNumber' | 'tooLarge';

export type PayloadCheck =
  | { ok: true; subject: JsonObject; bytes: number }
  | { ok: false; code: PayloadProblemCode; detail: string };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Amounts and measures belong in strings ("12.50"): a JSON fraction is a binary float to every
// parser on the way, and the server refuses it. Integers beyond 2^53 cannot be held exactly either.
const firstInexactNumber = (value: JsonValue, path: string): string | null => {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? null : path;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = firstInexactNumber(item, `${path}[${index}]`);
      if (found) {
        return found;
      }
    }
    return null;
  }
  if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = firstInexactNumber(item, path ? `${path}.${key}` : key);
      if (found) {
        return found;
      }
    }
  }
  return null;
};

/** Parses and checks the editor's text; `detail` is the parser's message or the offending path. */
export const checkPayload = (text: string): PayloadCheck => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: 'syntax', detail: error instanceof Error ? error.message : String(error) };
  }
  if (!isObject(value)) {
    return { ok: false, code: 'notObject', detail: '' };
  }
  const reserved = RESERVED_SUBJECT_KEYS.find((key) => key in value);
  if (reserved) {
    return { ok: false, code: 'reserved', detail: reserved };
  }
  const inexact = firstInexactNumber(value, '');
  if (inexact !== null) {
    return { ok: false, code: 'nonIntegerNumber', detail: inexact };
  }
  const bytes = canonicalizeToBytes(value).length;
  if (bytes > SUBJECT_MAX_BYTES) {
    return { ok: false, code: 'tooLarge', detail: String(bytes) };
  }
  return { ok: true, subject: value, bytes };
};

const party = { name: '', country: '' };

// Starting points named in the trade's words; every value is a string to fill in.
const TEMPLATES: Record<DocumentType, JsonObject> = {
  CommercialInvoice: {},
  PackingList: {
    shipper: party,
    consignee: party,
    packages: [{ marks: '', description: '', packageCount: '', grossWeightKg: '', netWeightKg: '' }],
  },
  CertificateOfOrigin: {
    exporter: party,
    importer: party,
    countryOfOrigin: '',
    tradeAgreement: '',
    originCriterion: '',
    goods: [{ description: '', hsCode: '', quantity: '', invoiceNumber: '' }],
  },
  BillOfLading: {
    shipper: party,
    consignee: party,
    notifyParty: party,
    carrier: '',
    vessel: '',
    voyageNumber: '',
    portOfLoading: '',
    portOfDischarge: '',
    containers: [{ containerNumber: '', sealNumber: '' }],
    goodsDescription: '',
  },
  InsuranceCertificate: {
    insured: party,
    insurer: party,
    insuredAmount: { amount: '', currency: '' },
    conditions: '',
    voyage: '',
  },
  InspectionCertificate: {
    applicant: party,
    inspectionBody: party,
    inspectionDate: '',
    goods: [{ description: '', hsCode: '', quantity: '' }],
    result: '',
  },
  PurchaseOrder: {
    buyer: party,
    seller: party,
    currency: '',
    deliveryTerms: '',
    lineItems: [{ description: '', hsCode: '', quantity: '', unitPrice: '' }],
  },
  Other: {},
};

/** The editor's starting text for a type, pretty-printed. */
export const payloadTemplate = (type: DocumentType): string => JSON.stringify(TEMPLATES[type], null, 2);
