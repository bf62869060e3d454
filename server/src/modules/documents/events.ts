/**
 * Events the documents module publishes through the outbox. Payloads carry ids and counts, never
 * document content: a consumer that needs a document reads it through the module.
 */
export const documentsEvents = {
  /** One per transaction of issuance (up to 1,000 ids), not one per document. */
  documentsIssued: 'documents.document.issued',
  documentRevoked: 'documents.document.revoked',
  documentSuspended: 'documents.document.suspended',
  documentUnsuspended: 'documents.document.unsuspended',
} as const;
