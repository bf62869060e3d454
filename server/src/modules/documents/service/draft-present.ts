import type { FieldError } from '@tradehub/kernel';
import { kindSpec, validateKindSubject } from '../domain/kinds/index.ts';
import type { DraftRow } from './draft-repository.ts';

/**
 * A draft as the API answers it. `problems` are the field errors issuing would report now, so a
 * form can show them while the draft is edited; issuing checks again.
 */
export const presentDraft = (row: DraftRow) => {
  const spec = kindSpec(row.kind);
  const check = spec === undefined ? undefined : validateKindSubject(spec, row.subject, 'subject');
  const problems: FieldError[] = check === undefined || check.ok ? [] : check.errors;
  return {
    id: row.id,
    kind: row.kind,
    documentNumber: row.document_number,
    subject: row.subject,
    orderRef: row.order_ref,
    replacesDocumentId: row.replaces_document_id,
    version: row.version,
    status: row.issued_document_id === null ? ('draft' as const) : ('issued' as const),
    issuedDocumentId: row.issued_document_id,
    documentVersion: row.document_version,
    problems,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    updatedAt: row.updated_at.toISOString(),
    issuedAt: row.issued_at?.toISOString() ?? null,
  };
};

export type DraftView = ReturnType<typeof presentDraft>;
