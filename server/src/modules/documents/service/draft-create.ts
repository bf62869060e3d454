import { AppError, newId } from '@tradehub/kernel';
import type { DocumentsDeps } from '../deps.ts';
import { type DocumentKind, kindSpec } from '../domain/kinds/index.ts';
import { actingAs, type WriteContext } from './context.ts';
import { presentDraft } from './draft-present.ts';
import { type DraftRow, insertDraft } from './draft-repository.ts';

export type DraftInput = {
  kind: DocumentKind;
  documentNumber: string;
  subject: Record<string, unknown>;
  orderRef?: string | undefined;
  replacesDocumentId?: string | undefined;
};

/** Throws when the hub has no schema for the kind yet, so no draft is made that can never issue. */
export const requireKind = (kind: DocumentKind) => {
  const spec = kindSpec(kind);
  if (spec === undefined) {
    throw new AppError('documents.kind_not_available', `Documents of kind ${kind} cannot be drafted yet.`, {
      fieldErrors: [{ field: 'kind', code: 'kernel.unknown_code', message: `no schema for ${kind}` }],
    });
  }
  return spec;
};

/** Saves a new draft of the organisation; the subject is checked against the kind when issued. */
export const createDraft = async (
  deps: DocumentsDeps,
  ctx: WriteContext,
  organisationId: string,
  input: DraftInput,
) => {
  requireKind(input.kind);
  const now = deps.now();
  const row: DraftRow = {
    id: newId('drf'),
    organisation_id: organisationId,
    kind: input.kind,
    document_number: input.documentNumber,
    subject: input.subject,
    order_ref: input.orderRef ?? null,
    replaces_document_id: input.replacesDocumentId ?? null,
    version: 1,
    issued_document_id: null,
    document_version: null,
    created_at: now,
    created_by: actingAs(ctx.actor),
    updated_at: now,
    issued_at: null,
  };
  await deps.db.transaction(async (trx) => {
    await insertDraft(trx, row);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'document_draft', id: row.id },
      detail: { kind: row.kind, documentNumber: row.document_number },
    });
  });
  return presentDraft(row);
};
