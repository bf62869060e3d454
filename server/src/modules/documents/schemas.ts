import { z } from 'zod';
import { documentTypes } from './domain/document-types.ts';

const ZIso = z.string().meta({ format: 'date-time' });

/** The largest batch one request may issue; the module function takes any number in chunks. */
export const MAX_BATCH_DOCUMENTS = 1000;

export const ZDocumentType = z.enum(documentTypes).meta({ description: 'KTDDE-style document type' });

export const ZDocumentInput = z
  .object({
    documentType: ZDocumentType,
    documentNumber: z.string().trim().min(1).max(100),
    subject: z.record(z.string(), z.unknown()).meta({
      description: "The document's fields (JSON object, at most 64 KiB canonical; whole numbers only)",
    }),
    validUntil: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const ZBatchInput = z
  .object({
    // Not capped here: a longer list is answered 413 documents.batch_too_large, not 400.
    documents: z.array(ZDocumentInput).min(1),
  })
  .strict();

export const ZDocumentStatus = z.enum(['active', 'revoked', 'suspended']);

export const ZLogPosition = z.union([
  z.object({ state: z.literal('pending') }),
  z.object({ state: z.literal('integrated'), index: z.number().int() }),
]);

export const ZIssuedDocument = z.object({
  id: z.string(),
  credentialId: z.string(),
  documentNumber: z.string(),
  docHash: z.string().meta({ description: 'SHA-256 of the canonical credential without proof, hex' }),
});

export const ZDocumentSummary = z.object({
  id: z.string(),
  credentialId: z.string(),
  documentType: ZDocumentType,
  documentNumber: z.string(),
  status: ZDocumentStatus,
  statusIndex: z.number().int(),
  docHash: z.string(),
  logIndex: z.number().int().nullable(),
  issuedAt: ZIso,
});

export const ZDocument = ZDocumentSummary.extend({
  revokedAt: ZIso.nullable(),
  revocationReason: z.string().nullable(),
  issuedBy: z.string(),
  validUntil: ZIso.nullable(),
  log: ZLogPosition,
  credential: z.record(z.string(), z.unknown()),
  verificationUrl: z.string().meta({ description: 'Capability link to the public verification page' }),
});

export const ZStatusChange = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export const ZOptionalReason = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict();
