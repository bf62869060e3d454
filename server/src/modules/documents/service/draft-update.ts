import { AppError } from '@tradehub/kernel';
import type { DocumentsDeps } from '../deps.ts';
import type { WriteContext } from './context.ts';
import { loadDraft } from './draft-get.ts';
import { presentDraft } from './draft-present.ts';
import { updateDraft } from './draft-repository.ts';

export type DraftChange = {
  /** The version the caller read: a save over someone else's newer save is refused (409). */
  version: number;
  documentNumber: string;
  subject: Record<string, unknown>;
  orderRef?: string | null | undefined;
  replacesDocumentId?: string | null | undefined;
};

/** Replaces a draft's content while it is a draft, if nobody saved it since `version`. */
export const updateDraftContent = async (
  deps: DocumentsDeps,
  ctx: WriteContext,
  organisationId: string,
  draftId: string,
  change: DraftChange,
) => {
  const row = await deps.db.transaction(async (trx) => {
    const current = await loadDraft(trx, organisationId, draftId, true);
    if (current.issued_document_id !== null) {
      throw new AppError(
        'documents.draft_already_issued',
        `Draft ${draftId} was issued as ${current.issued_document_id}.`,
        {
          details: { issuedDocumentId: current.issued_document_id },
        },
      );
    }
    if (current.version !== change.version) {
      throw new AppError(
        'documents.draft_version_conflict',
        `Draft ${draftId} is at version ${current.version}.`,
        {
          details: { currentVersion: current.version },
        },
      );
    }
    const saved = {
      document_number: change.documentNumber,
      subject: change.subject,
      order_ref: change.orderRef === undefined ? current.order_ref : change.orderRef,
      replaces_document_id:
        change.replacesDocumentId === undefined ? current.replaces_document_id : change.replacesDocumentId,
      updated_at: deps.now(),
    };
    await updateDraft(trx, organisationId, draftId, change.version, saved);
    await ctx.audit(trx, { organisationId, object: { type: 'document_draft', id: draftId } });
    return { ...current, ...saved, version: current.version + 1 };
  });
  return presentDraft(row);
};
