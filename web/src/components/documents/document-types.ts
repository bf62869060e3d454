// The document types and states the documents module knows. The constant lists exist so selects
// and filters offer every choice and the tests can prove each one is translated in both languages.

/** KTDDE-style trade document types the hub issues as credentials (server enum, same order). */
export const DOCUMENT_TYPES = [
  'CommercialInvoice',
  'PackingList',
  'CertificateOfOrigin',
  'BillOfLading',
  'InsuranceCertificate',
  'InspectionCertificate',
  'PurchaseOrder',
  'Other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const isDocumentType = (value: unknown): value is DocumentType =>
  typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);

/** Revoked is final; suspended can be lifted. */
export const DOCUMENT_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const STATUS_COLOURS: Record<DocumentStatus, string> = {
  active: 'success',
  suspended: 'warning',
  revoked: 'error',
};

/** Longest document number the server accepts (its zod schema). */
export const DOCUMENT_NUMBER_MAX = 100;

/** The server refuses a subject whose canonical JSON (RFC 8785) is larger than this. */
export const SUBJECT_MAX_BYTES = 64 * 1024;

/** Documents per `POST .../documents/batch` request: the request is all or nothing. */
export const BATCH_MAX_DOCUMENTS = 1000;

// Properties the credential itself puts into credentialSubject next to the payload; a payload that
// carried them would be ambiguous, so the forms refuse them before the server does.
export const RESERVED_SUBJECT_KEYS = ['type', 'documentNumber'] as const;
